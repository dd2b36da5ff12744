from metaflow import FlowSpec, step


class GreetingFlow(FlowSpec):
    """
    The smallest useful flow: three steps in a line.

    Run it with `python hello_flow.py run`.
    """

    @step
    def start(self):
        """Every flow begins with a step called 'start'."""
        print("GreetingFlow is starting.")
        self.next(self.greet)

    @step
    def greet(self):
        """A step in the middle."""
        print("Hello from the middle step!")
        self.next(self.end)

    @step
    def end(self):
        """Every flow ends with a step called 'end'."""
        print("GreetingFlow is all done.")


if __name__ == "__main__":
    GreetingFlow()
