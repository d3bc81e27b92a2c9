# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Headless Chromium for the tests that look at HTML (the access report, the docs site).

`make chromium` installs Debian's `chromium` when it is missing; CHROMIUM=/path overrides the lookup.
Each run gets a new empty profile directory and no network besides the file it opens.
"""

import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENSHOTS = os.path.join(ROOT, '.tmp', 'screenshots')
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--hide-scrollbars', '--mute-audio']


def executable():
    """The chromium binary, or an AssertionError that says how to install it."""
    for candidate in (os.environ.get('CHROMIUM'), 'chromium', 'chromium-browser'):
        path = candidate and shutil.which(candidate)
        if path:
            return path
    raise AssertionError('headless Chromium is needed for this test and was not found: run `make chromium` '
                         '(apt-get install chromium) or set CHROMIUM=/path/to/chromium')


def _run(args, url, timeout=120):
    with tempfile.TemporaryDirectory(prefix='chromium-profile-') as profile:
        command = [executable()] + FLAGS + ['--user-data-dir=' + profile] + args + [url]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise AssertionError('chromium exited with %s:\n%s' % (proc.returncode, proc.stderr[-3000:]))
    return proc


def dump_dom(url):
    """The DOM after the page's scripts ran, serialized as HTML."""
    return _run(['--dump-dom', '--virtual-time-budget=5000'], url).stdout


def screenshot(url, name, width=1400, height=1000):
    """A PNG of the rendered page at .tmp/screenshots/NAME; returns its path."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, name)
    if os.path.exists(path):
        os.remove(path)
    _run(['--screenshot=' + path, '--window-size=%d,%d' % (width, height), '--virtual-time-budget=5000'], url)
    with open(path, 'rb') as handle:
        data = handle.read()
    assert data.startswith(b'\x89PNG\r\n\x1a\n'), 'chromium wrote no PNG at %s' % path
    return path


def file_url(path, fragment=''):
    return 'file://' + os.path.abspath(path) + (('#' + fragment) if fragment else '')
