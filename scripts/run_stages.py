"""Run `make` stages, a few at a time, each with its own log; print every stage's time.

``make test`` calls this with the Makefile's TEST_STAGES:
  run_stages.py [--jobs N] [--log-dir DIR] [--keep-going] STAGE...

Stages start in the order given (put the slowest first) whenever fewer than ``--jobs`` are
running. Each runs as ``make --no-print-directory STAGE`` with its output in
``DIR/STAGE.log``. When a stage fails, no new stage starts (unless ``--keep-going``); the
running ones finish, and the summary names every failed stage with its log and the last
lines of that log. Exit status 0 only when every stage passed.
"""

import argparse
import os
import subprocess
import sys
import time

TAIL_LINES = 60


def tail(path, lines=TAIL_LINES):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return "".join(handle.readlines()[-lines:])
    except OSError as exc:
        return "(cannot read {0}: {1})\n".format(path, exc)


def fmt(seconds):
    seconds = int(round(seconds))
    return "{0}m{1:02d}s".format(seconds // 60, seconds % 60) if seconds >= 60 else "{0}s".format(seconds)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="stages running at the same time (default 2)")
    parser.add_argument("--log-dir", default=".tmp/logs")
    parser.add_argument("--make", default=os.environ.get("MAKE", "make"))
    parser.add_argument("--keep-going", action="store_true", help="start the remaining stages after a failure")
    parser.add_argument("stages", nargs="+")
    args = parser.parse_args(argv)

    duplicates = sorted({stage for stage in args.stages if args.stages.count(stage) > 1})
    if duplicates:
        parser.error("stage listed twice: " + ", ".join(duplicates))
    os.makedirs(args.log_dir, exist_ok=True)
    jobs = max(1, args.jobs)

    pending = list(args.stages)
    running = {}  # stage -> (process, start, log handle)
    results = {}  # stage -> (status, seconds)
    started = time.monotonic()
    failed = False
    print(
        "run_stages: {0} stages, {1} at a time; logs in {2}/".format(len(pending), jobs, args.log_dir),
        flush=True,
    )

    while pending or running:
        while pending and len(running) < jobs and (not failed or args.keep_going):
            stage = pending.pop(0)
            log_path = os.path.join(args.log_dir, stage + ".log")
            log = open(log_path, "wb")  # pylint: disable=consider-using-with
            proc = subprocess.Popen(  # pylint: disable=consider-using-with
                [args.make, "--no-print-directory", stage],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            running[stage] = (proc, time.monotonic(), log)
            print("=== {0} started (at {1})".format(stage, fmt(time.monotonic() - started)), flush=True)
        if failed and not args.keep_going and pending:
            for stage in pending:
                results[stage] = ("not run", 0.0)
            pending = []
        time.sleep(0.5)
        for stage, (proc, start, log) in list(running.items()):
            if proc.poll() is None:
                continue
            log.close()
            seconds = time.monotonic() - start
            del running[stage]
            if proc.returncode == 0:
                results[stage] = ("passed", seconds)
                print("=== {0} passed in {1}".format(stage, fmt(seconds)), flush=True)
            else:
                failed = True
                results[stage] = ("FAILED", seconds)
                log_path = os.path.join(args.log_dir, stage + ".log")
                print(
                    "=== {0} FAILED (exit {1}) after {2}; log: {3}".format(stage, proc.returncode, fmt(seconds), log_path),
                    flush=True,
                )

    total = time.monotonic() - started
    print("\n=== stage times (wall clock, {0} at a time)".format(jobs))
    width = max(len(stage) for stage in args.stages)
    for stage in args.stages:
        status, seconds = results[stage]
        print("  {0:<{1}}  {2:>7}  {3}".format(stage, width, fmt(seconds) if status != "not run" else "-", status))
    print("  {0:<{1}}  {2:>7}".format("total", width, fmt(total)))

    failures = [stage for stage in args.stages if results[stage][0] == "FAILED"]
    for stage in failures:
        log_path = os.path.join(args.log_dir, stage + ".log")
        print("\n=== last lines of {0} ({1}):".format(log_path, stage))
        sys.stdout.write(tail(log_path))
    if failures:
        print("\n=== make test FAILED: {0} (logs in {1}/)".format(", ".join(failures), args.log_dir))
        return 1
    print("\n=== make test passed: {0} stages in {1}".format(len(args.stages), fmt(total)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
