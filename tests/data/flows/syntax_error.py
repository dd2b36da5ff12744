from metaflow import FlowSpec, step, retry


@retry
class GoodFlow(FlowSpec):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass


class BrokenFlow(FlowSpec):
    @step
    def start(self):
        value = compute(1, 2
        self.next(self.end)

    @retry
    @step
    def end(self):
        pass


class AfterFlow(FlowSpec):
    @step
    def start(self):
        message = """never closed
