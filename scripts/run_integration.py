"""Run ``ansible-test integration`` against a local Bitbucket Cloud API emulator.

Starts ``tests/emulator/run.py --port 0 --port-file FILE`` in the background, waits until
it answers ``GET /_emulator/state``, writes ``tests/integration/integration_config.yml``
into the ansible-test copy of the collection (the emulator's URLs as the variables
``bitbucket_api_url``, ``bitbucket_token_url`` and ``bitbucket_emulator_url``), runs
ansible-test there and always stops the emulator afterwards.

Usage (from the collection root, with the dev venv's python):
  run_integration.py --collection DIR [--python 3.11] [--ansible-test PATH] [--work-dir DIR]
                     [-- ANSIBLE_TEST_ARGS...]

The emulator runs with this script's python (the dev venv: Flask); ``--ansible-test`` picks
another ansible-core's ansible-test (the ``make test`` matrix), whose venv must come first
on PATH so that ``--local --python X`` finds that venv's pythonX. Each run has its own
``--work-dir`` (port file, emulator log), so several runs can go on in parallel.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

STARTUP_TIMEOUT = 60.0
INTEGRATION_CONFIG = """\
---
# Written by scripts/run_integration.py for one run; points the targets at the emulator.
bitbucket_api_url: {base}/2.0
bitbucket_token_url: {base}/site/oauth2/access_token
bitbucket_emulator_url: {base}
"""


def read_port(port_file):
    """The port the emulator wrote, or None while the file is missing or incomplete."""
    try:
        with open(port_file, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return None
    match = re.search(r"(\d+)\s*$", text.strip()) if text.strip() else None
    return int(match.group(1)) if match else None


def wait_for_emulator(proc, port_file, log_path):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    port = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("emulator exited with status {0} before it was ready".format(proc.returncode))
        port = port or read_port(port_file)
        if port:
            try:
                url = "http://127.0.0.1:{0}/_emulator/state".format(port)
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return port
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.1)
    raise RuntimeError("emulator not ready after {0:.0f}s (see {1})".format(STARTUP_TIMEOUT, log_path))


def stop(proc):
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return "".join(handle.readlines()[-lines:])
    except OSError:
        return ""


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collection", required=True, help="ansible-test copy of the collection")
    parser.add_argument("--python", default="3.11", help="python version for ansible-test")
    parser.add_argument("--emulator", default="tests/emulator/run.py")
    parser.add_argument(
        "--ansible-test",
        default=os.path.join(os.path.dirname(sys.executable), "ansible-test"),
        help="the ansible-test to run (default: the one next to this python)",
    )
    parser.add_argument(
        "--work-dir",
        default=os.path.join(os.getcwd(), ".tmp", "emulator"),
        help="where the emulator's port file and log go (default .tmp/emulator)",
    )
    parser.add_argument("ansible_test_args", nargs="*")
    args = parser.parse_args(argv)

    work_dir = os.path.abspath(args.work_dir)
    os.makedirs(work_dir, exist_ok=True)
    port_file = os.path.join(work_dir, "port")
    log_path = os.path.join(work_dir, "emulator.log")
    if os.path.exists(port_file):
        os.remove(port_file)

    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, args.emulator, "--port", "0", "--port-file", port_file],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        try:
            port = wait_for_emulator(proc, port_file, log_path)
        except RuntimeError as exc:
            print("run_integration: {0}\n{1}".format(exc, tail(log_path)), file=sys.stderr)
            return 1
        base = "http://127.0.0.1:{0}".format(port)
        print("run_integration: emulator ready at {0} (pid {1}, log {2})".format(base, proc.pid, log_path))

        config_path = os.path.join(args.collection, "tests", "integration", "integration_config.yml")
        os.makedirs(os.path.dirname(config_path), exist_ok=True)
        with open(config_path, "w", encoding="utf-8") as handle:
            handle.write(INTEGRATION_CONFIG.format(base=base))

        # --local: run on this host with the current (venv) python, which has the
        # collection's runtime requirements; no containers, no network.
        # --continue-on-error: report every failing target, not only the first one.
        command = [
            args.ansible_test,
            "integration",
            "--local",
            "--python", args.python,
            "--color", "no",
            "--continue-on-error",
        ] + args.ansible_test_args
        print("run_integration: " + " ".join(command), flush=True)
        env = dict(os.environ, ANSIBLE_TEST_CONTENT_ROOT=os.path.abspath(args.collection))
        result = subprocess.call(command, cwd=args.collection, env=env)
        if result != 0:
            print("run_integration: ansible-test failed; emulator log tail:\n" + tail(log_path), file=sys.stderr)
        return result
    finally:
        stop(proc)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
