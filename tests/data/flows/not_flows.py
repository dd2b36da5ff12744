from metaflow import FlowSpec, step, retry


def step(f):  # a local helper, not Metaflow's
    return f


class Helper:
    @step
    def start(self):
        pass


class FlowSpecMixin(object):
    @retry
    @step
    def start(self):
        pass


class Configured(metaclass=FlowSpec):
    @step
    def start(self):
        pass


class BaseFlow(FlowSpec):
    @retry
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass


class ChildFlow(BaseFlow, FlowSpecMixin):
    def start(self):
        pass

    @step
    def extra(self):
        @step
        def nested(x):
            return x

        class Inner(FlowSpec):
            @step
            def inner(self):
                pass

        self.next(self.end)
