"""Install the offline get-pip stand-in under the name this ansible-test looks for.

Run with the python of the venv whose ansible-test will run sanity:
  .tmp/venvs/<core>/bin/python scripts/install_get_pip.py [--python 3.11]

Each ansible-core release pins its own pip for the sanity test environments (2.17: 23.1.2,
2.18 and 2.19: 24.2, 2.21: 25.2) and looks for ``~/.ansible/test/cache/get_pip_<version>.py``
before downloading get-pip from ci-files.testing.ansible.com, which fails offline. This
asks the installed ansible-test which pip it wants for the given Python and copies
``scripts/offline_get_pip.py`` there, only when no file is there yet (a machine with
internet keeps the real script).
"""

import argparse
import os
import shutil
import sys
import types

STAND_IN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "offline_get_pip.py")


def wanted_pip(python_version):
    from ansible_test._internal.python_requirements import get_venv_packages  # pylint: disable=import-error

    return get_venv_packages(types.SimpleNamespace(version=python_version))["pip"]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default="{0}.{1}".format(*sys.version_info[:2]))
    args = parser.parse_args(argv)
    pip_version = wanted_pip(args.python)
    cache_path = os.path.expanduser("~/.ansible/test/cache/get_pip_{0}.py".format(pip_version.replace(".", "_")))
    if os.path.exists(cache_path):
        print("get-pip for pip {0}: {1} already present".format(pip_version, cache_path))
        return 0
    os.makedirs(os.path.dirname(cache_path), exist_ok=True)
    temporary = "{0}.{1}.tmp".format(cache_path, os.getpid())
    shutil.copyfile(STAND_IN, temporary)
    os.replace(temporary, cache_path)
    print("get-pip for pip {0}: installed the offline stand-in at {1}".format(pip_version, cache_path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
