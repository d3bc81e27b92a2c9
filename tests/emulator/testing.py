"""RunningEmulator: an EmulatorServer started in this process together with its control client (for pytest)."""

from .control import EmulatorControl
from .server import EmulatorServer


class RunningEmulator(EmulatorControl):
    """A started emulator: .url, .api_url, .token_url, .server, and the EmulatorControl methods."""

    def __init__(self, seed=None, port=0):
        self.server = EmulatorServer(seed=seed, port=port).start()
        super().__init__(self.server.url)
        self.api_url = self.server.api_url
        self.token_url = self.server.token_url

    def stop(self):
        """Stop the server and close the control session."""
        self.close()
        self.server.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
