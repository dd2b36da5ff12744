"""Two production flows: one pinned with PyPI, one with Conda."""
from metaflow import (
    FlowSpec,
    step,
    project,
    schedule,
    trigger,
    pypi_base,
    conda_base,
    retry,
    catch,
    timeout,
    card,
    resources,
    kubernetes,
    batch,
    pypi,
    conda,
)


@project(name='x')
@schedule(weekly=True)

# Deployed to Argo Workflows by the platform team.
@pypi_base(packages={'pandas': '2.1.0'})
class PypiFlow(FlowSpec):
    """Loads, trains and publishes."""

    @retry
    @step
    def start(self):
        self.next(self.train)

    @catch(var='e')
    @timeout(minutes=5)
    @card
    @resources(memory=8000)
    @kubernetes
    @step
    def train(self):
        self.next(self.end)

    @pypi(packages={'scikit-learn': '1.3.2'})
    @step
    def end(self):
        pass


@trigger(event='foo')
@conda_base(python='3.10.4', libraries={'numpy': '1.26.0'})
class CondaFlow(FlowSpec):
    @batch
    @conda(libraries={'scipy': '1.11.4'})
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass


if __name__ == '__main__':
    PypiFlow()
