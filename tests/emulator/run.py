"""Run the Bitbucket Cloud API emulator on a local port until SIGTERM or SIGINT.

python3 tests/emulator/run.py --port PORT [--seed FILE] [--port-file FILE] [--host 127.0.0.1] [--verbose]
"""

import argparse
import os
import signal
import sys
import threading

# run.py is started by path from any directory: make the emulator package importable
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Third-party packages the emulator needs (import name: package to install).
REQUIREMENTS = (('flask', 'Flask'), ('werkzeug', 'Werkzeug'), ('yaml', 'PyYAML'), ('requests', 'requests'))


def _missing_requirements():
    """The packages to install for this Python, or [] when every one is importable."""
    import importlib.util
    return [package for module, package in REQUIREMENTS if importlib.util.find_spec(module) is None]


_MISSING = _missing_requirements()
if _MISSING:
    sys.stderr.write(
        'emulator: this Python (%s) lacks %s, which the emulator needs.\n'
        'From the collection checkout, either run it with the development venv:\n'
        '    make emulator                      # creates .venv if needed, then runs the emulator\n'
        '    .venv/bin/python tests/emulator/run.py --port 8080\n'
        'or install the packages for this Python: python3 -m pip install %s\n'
        % (sys.executable, ', '.join(_MISSING), ' '.join(_MISSING)))
    sys.exit(2)

from emulator.seed import SeedError  # noqa: E402
from emulator.server import EmulatorServer  # noqa: E402


def _parse_args(argv):
    parser = argparse.ArgumentParser(description='Local Bitbucket Cloud REST API emulator.')
    parser.add_argument('--port', type=int, default=0, help='TCP port; 0 picks a free one (default 0)')
    parser.add_argument('--seed', help='YAML or JSON seed file (default: seeds/sample.yml)')
    parser.add_argument('--port-file', help='write the bound port number to this file once listening')
    parser.add_argument('--host', default='127.0.0.1', help='loopback address to bind (default 127.0.0.1)')
    parser.add_argument('--verbose', action='store_true', help='log every request on stderr')
    return parser.parse_args(argv)


def _write_port_file(path, port):
    # write then rename, so a reader polling the file never sees it half written
    temporary = '%s.tmp.%d' % (path, os.getpid())
    with open(temporary, 'w', encoding='utf-8') as handle:
        handle.write('%d\n' % port)
    os.replace(temporary, path)


def main(argv=None):
    """Start the server, announce it, and serve until a stop signal."""
    args = _parse_args(argv)
    try:
        server = EmulatorServer(seed=args.seed, port=args.port, host=args.host, verbose=args.verbose)
    except (SeedError, OSError, ValueError) as error:
        print('emulator: cannot start: %s' % error, file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_args: stop.set())
    signal.signal(signal.SIGINT, lambda *_args: stop.set())
    try:
        server.start()
    except OSError as error:
        print('emulator: cannot listen on %s:%s: %s' % (args.host, args.port, error), file=sys.stderr)
        return 2
    if args.port_file:
        _write_port_file(args.port_file, server.port)
    print('Bitbucket emulator listening on %s (API %s)' % (server.url, server.api_url), flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
