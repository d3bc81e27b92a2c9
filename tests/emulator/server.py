"""EmulatorServer: the emulator on a local port, served by a threaded werkzeug server in a background thread."""

import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import create_app

LOOPBACK_HOSTS = ('127.0.0.1', 'localhost', '::1')


class _QuietRequestHandler(WSGIRequestHandler):
    """No access-log line per request (errors are still reported)."""

    def log_request(self, code='-', size='-'):
        pass


class EmulatorServer:
    """Serve the emulator on host:port (port 0 picks a free one); usable as a context manager.

    seed: None (the sample seed), a YAML/JSON file path, or a seed dict.
    """

    def __init__(self, seed=None, port=0, host='127.0.0.1', verbose=False):
        if host not in LOOPBACK_HOSTS:
            raise ValueError('the emulator listens on the loopback interface only, not %r' % host)
        self.host = host
        self.port = port
        self.verbose = verbose
        self.app = create_app(seed)
        self._server = None
        self._thread = None

    @property
    def url(self):
        """http://127.0.0.1:PORT (the port actually bound once started)."""
        host = '[%s]' % self.host if ':' in self.host else self.host
        return 'http://%s:%d' % (host, self.port)

    @property
    def api_url(self):
        """The API root, as the collection's api_url option takes it."""
        return self.url + '/2.0'

    @property
    def token_url(self):
        """The OAuth token endpoint, as the collection's token_url option takes it."""
        return self.url + '/site/oauth2/access_token'

    def start(self):
        """Bind and serve in a daemon thread; returns self."""
        handler = WSGIRequestHandler if self.verbose else _QuietRequestHandler
        self._server = make_server(self.host, self.port, self.app, threaded=True, request_handler=handler)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name='bitbucket-emulator', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and close the listening socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None
            self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
