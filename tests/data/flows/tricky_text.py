from metaflow import FlowSpec, step, retry, catch, environment, card


@environment(
    vars={
        "GREETING": "hello (world)",  # a ')' inside a string
        'HANDLE': '@retry',           # an '@' inside a string
    },  # trailing comment
)
class TrickyFlow(FlowSpec):
    """
    @retry(times=9)
    class Hidden(FlowSpec):
        @step
        def ghost(self): ...
    """

    notes = '''@catch
def fake(self):'''

    # @retry
    @step
    def start(self):
        text = "@retry"  # @timeout(minutes=1)
        self.next(self.end)

    @catch(var="error",
           print_exception=False)  # the ')' ends the call
    @retry(
        times=3,  # flaky
        minutes_between_retries=1)
    @card(type='blank', id="a)b", options={"x": "(", 'y': '#not a comment'})
    @step
    def end(self):
        pass
