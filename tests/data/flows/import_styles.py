import metaflow
import metaflow as mf


@metaflow.project(name="plain_import")
class ModuleFlow(metaflow.FlowSpec):
    @metaflow.retry(times=2)
    @metaflow.step
    def start(self):
        self.next(self.end)

    @metaflow.step()
    def end(self):
        pass


class AliasFlow(mf.FlowSpec):
    @mf.step
    async def start(self):
        self.next(self.end)

    @mf.step
    def end(self):
        pass
