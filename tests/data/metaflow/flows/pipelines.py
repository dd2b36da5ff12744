"""Three flows of one pipeline: ingest hourly, train when ingestion finishes, score on demand."""
import metaflow
from metaflow import (
    FlowSpec,
    card,
    catch,
    conda_base,
    project,
    pypi,
    retry,
    schedule,
    step,
    timeout,
    trigger,
    trigger_on_finish,
)


@schedule(hourly=True)
@project(name="recsys")
class IngestFlow(FlowSpec):
    @retry(times=2)
    @timeout(minutes=20)
    @pypi(packages={"pyarrow": "14.0.1"})
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass


@trigger_on_finish(flow="IngestFlow")
@project(name="recsys")
@conda_base(libraries={"pytorch": "2.1.0"}, python="3.10.13")
class TrainFlow(FlowSpec):
    @metaflow.retry
    @step
    def start(self):
        self.next(self.fit)

    @catch(var="fit_error")
    @card(type="default")
    @step
    def fit(self):
        self.next(self.end)

    @step
    def end(self):
        pass


@trigger(event="scores_requested")
class ScoreFlow(FlowSpec):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass

