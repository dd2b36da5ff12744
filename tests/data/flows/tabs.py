from metaflow import FlowSpec, step, retry


class TabFlow(FlowSpec):
	@retry(times=2,
			minutes_between_retries=0)
	@step
	def start(self):
		if True:
			pass
		self.next(self.middle)

    	@step
        def middle(self):
		self.next(self.end)

	@step
	def end(self):
		@step
		def not_a_step():
			pass
