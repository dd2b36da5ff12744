from metaflow import FlowSpec, step, catch, retry, project


@project(name="recover_flow")
class RecoverFlow(FlowSpec):
    """Shows that @catch keeps the run going after a step fails."""

    @step
    def start(self):
        self.next(self.risky)

    @catch(var="failure")
    @retry(times=1)
    @step
    def risky(self):
        # Guarded so the graph checker always sees the transition below.
        if self.input_is_bad():
            raise RuntimeError("this step fails on purpose")
        self.next(self.end)

    def input_is_bad(self):
        return True

    @step
    def end(self):
        if self.failure:
            print("risky failed with", self.failure.exception)


if __name__ == "__main__":
    RecoverFlow()
