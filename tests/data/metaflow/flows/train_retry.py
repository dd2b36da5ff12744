"""Trains the ranking model every night; the steps that read remote data retry."""
from metaflow import FlowSpec, Parameter, card, catch, project, pypi_base, retry, schedule, step


@schedule(daily=True)
@project(name="ranking")
@pypi_base(packages={"scikit-learn": "1.3.2"}, python="3.11.5")
class TrainFlow(FlowSpec):
    epochs = Parameter("epochs", default=10)

    @retry(times=3, minutes_between_retries=1)
    @step
    def start(self):
        self.next(self.train)

    @catch(var="train_error")
    @card
    @retry
    @step
    def train(self):
        self.next(self.end)

    @retry(times=0)  # publishes once: not idempotent
    @step
    def end(self):
        pass
