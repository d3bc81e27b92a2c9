"""Check the execution environment files with ansible-builder (`make ee`, part of `make test`).

  check_ee.py --tarball DIST/bitbucket-cloud-X.tar.gz --work-dir .tmp/ee

1. ``ansible-builder create`` on extensions/awx/execution-environment.yml: the definition is
   valid and gives a build context that installs bitbucket.cloud (no container runtime needed).
2. The built collection, installed from its tarball, goes through ``ansible-builder introspect``,
   which is how a build reads the collection's meta/execution-environment.yml: the Python
   requirements it finds must be exactly pinned (==), include requests and aiohttp, and satisfy
   the ranges of requirements.txt.
"""

import argparse
import os
import shutil
import subprocess
import sys

import yaml
from packaging.requirements import Requirement

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFINITION = os.path.join(ROOT, "extensions", "awx", "execution-environment.yml")
REQUIRED = ("requests", "aiohttp")


def tool(name):
    return os.path.join(os.path.dirname(sys.executable), name)


def run(command, **kwargs):
    print("check_ee: " + " ".join(command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def read_requirements(path):
    result = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                result.append(Requirement(line))
    return result


def check_create(work_dir):
    context = os.path.join(work_dir, "context")
    shutil.rmtree(context, ignore_errors=True)
    run([tool("ansible-builder"), "create", "-f", DEFINITION, "--context", context, "--output-filename", "Containerfile"])
    with open(os.path.join(context, "Containerfile"), encoding="utf-8") as handle:
        containerfile = handle.read()
    with open(os.path.join(context, "_build", "requirements.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    names = [c["name"] if isinstance(c, dict) else c for c in galaxy.get("collections", [])]
    problems = []
    if "bitbucket.cloud" not in names:
        problems.append("the build context does not install bitbucket.cloud: %s" % names)
    for needle in ("ansible-galaxy collection install", "introspect"):
        if needle not in containerfile:
            problems.append("the Containerfile has no %r step" % needle)
    return problems


def check_introspect(tarball, work_dir):
    collections = os.path.join(work_dir, "collections")
    shutil.rmtree(collections, ignore_errors=True)
    run([tool("ansible-galaxy"), "collection", "install", "--offline", "--no-deps", "-p", collections, tarball],
        stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections))
    pip_file = os.path.join(work_dir, "introspected-requirements.txt")
    run([tool("ansible-builder"), "introspect", "--sanitize", "--write-pip", pip_file, collections],
        stdout=subprocess.DEVNULL)
    found = read_requirements(pip_file)
    print("check_ee: the collection's Python requirements in an EE: %s" % ", ".join(str(r) for r in found))
    problems = []
    by_name = dict((r.name.lower(), r) for r in found)
    for name in REQUIRED:
        if name not in by_name:
            problems.append("%s is missing from the EE requirements (meta/execution-environment.yml)" % name)
    for requirement in found:
        specs = list(requirement.specifier)
        if len(specs) != 1 or specs[0].operator != "==":
            problems.append("%s is not pinned with ==" % requirement)
    for wanted in read_requirements(os.path.join(ROOT, "requirements.txt")):
        pinned = by_name.get(wanted.name.lower())
        if pinned is None:
            problems.append("requirements.txt needs %s, which the EE requirements do not pin" % wanted)
            continue
        version = next(iter(pinned.specifier)).version
        if not wanted.specifier.contains(version, prereleases=True):
            problems.append("the EE pins %s, outside requirements.txt's %s" % (pinned, wanted))
    return problems


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args(argv)
    os.makedirs(args.work_dir, exist_ok=True)
    problems = check_create(args.work_dir) + check_introspect(os.path.abspath(args.tarball), args.work_dir)
    if problems:
        for problem in problems:
            print("check_ee: " + problem, file=sys.stderr)
        return 1
    print("check_ee: execution environment definition and collection requirements OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
