"""run.py started by a Python without the emulator's packages says what to install, not a traceback."""

import os
import subprocess
import sys

RUN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'run.py')


def test_missing_packages_are_named_with_the_way_to_get_them():
    # -S: no site-packages, as with a bare python3 that never saw requirements-dev.txt
    proc = subprocess.run([sys.executable, '-S', RUN, '--port', '0'], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 2
    assert 'Traceback' not in proc.stderr and 'ModuleNotFoundError' not in proc.stderr
    assert 'lacks Flask, Werkzeug, PyYAML, requests' in proc.stderr
    assert 'make emulator' in proc.stderr and 'python3 -m pip install Flask Werkzeug PyYAML requests' in proc.stderr
    assert proc.stdout == ''
