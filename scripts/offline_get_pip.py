"""Offline stand-in for the get-pip bootstrap script that ansible-test downloads.

``ansible-test sanity`` creates one virtual environment per sanity test and
bootstraps pip in each with ``get-pip.py`` fetched from ci-files.testing.ansible.com.
Without general internet access that download fails, but ansible-test first looks for
``~/.ansible/test/cache/get_pip_<version>.py``. ``make sanity`` copies this file there
(only when it is missing, so machines with internet keep the real script).

ansible-test runs it as ``python get_pip_24_2.py <pip options> pip==24.2
[--no-setuptools] [--no-wheel]``. This stand-in bootstraps pip from the standard
library (``ensurepip``) and then upgrades to exactly what was asked for from the
package index configured on the machine.
"""

import importlib.util
import os
import subprocess
import sys

GET_PIP_ONLY_FLAGS = ("--no-setuptools", "--no-wheel")


def main(argv):
    # ensurepip sets PIP_CONFIG_FILE=/dev/null (and ENSUREPIP_OPTIONS) in the calling
    # process; keep the environment as it was so the real pip call still sees the
    # machine's pip configuration (certificate bundle, package indexes).
    original_env = dict(os.environ)
    had_setuptools = importlib.util.find_spec("setuptools") is not None

    pip_args = [arg for arg in argv if arg not in GET_PIP_ONLY_FLAGS]

    bootstrap = subprocess.run(
        [sys.executable, "-m", "ensurepip", "--default-pip"],
        env=dict(original_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    if bootstrap.returncode != 0:
        sys.stdout.write(bootstrap.stdout.decode("utf-8", "replace"))
        return bootstrap.returncode
    subprocess.check_call(
        [sys.executable, "-m", "pip", "install", "--upgrade"] + pip_args,
        env=dict(original_env),
    )
    # ensurepip on Python < 3.12 also installs setuptools; honour --no-setuptools.
    if "--no-setuptools" in argv and not had_setuptools:
        subprocess.call(
            [sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", "setuptools"],
            env=dict(original_env),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
