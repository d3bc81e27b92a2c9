"""Check that a built collection tarball is self-consistent (`make build`).

  check_artifact.py DIST/bitbucket-cloud-X.Y.Z.tar.gz

- Its version is galaxy.yml's, and CHANGELOG.rst (generated at build time) has that release.
- No development or test files: tests/ (they need the emulator, the Makefile and scripts/, which
  are not shipped; see galaxy.yml), scripts/, Makefile, docs/site/, .tmp/, .venv/.
- Every file the shipped files refer to is shipped: the Python requirements files of
  meta/execution-environment.yml, the templates of the playbooks, the files the playbooks look up
  next to themselves (extensions/awx/credential_type.yml), the role's argument spec.
"""

import json
import os
import re
import sys
import tarfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORBIDDEN_PREFIXES = ("tests/", "scripts/", "docs/site/", ".tmp/", ".venv/", "benchmarks/", ".ci/")
FORBIDDEN_FILES = ("Makefile", "pytest.ini", "requirements-dev.txt", "changelogs/.plugin-cache.yaml")


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tarfile.open(argv[0]) as tar:
        names = set(member.name for member in tar.getmembers() if member.isfile())

        def read(name):
            return tar.extractfile(name).read().decode("utf-8")

        problems = []
        with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
            version = yaml.safe_load(handle)["version"]
        manifest = json.loads(read("MANIFEST.json"))
        if manifest["collection_info"]["version"] != version:
            problems.append("MANIFEST.json has version %s, galaxy.yml %s" % (manifest["collection_info"]["version"], version))

        for name in sorted(names):
            if name.startswith(FORBIDDEN_PREFIXES) or name in FORBIDDEN_FILES:
                problems.append("development file in the artifact: %s" % name)

        if "CHANGELOG.rst" not in names:
            problems.append("CHANGELOG.rst is missing (make build generates it with antsibull-changelog)")
        elif not re.search(r"^v%s\n=+$" % re.escape(version), read("CHANGELOG.rst"), re.M):
            problems.append("CHANGELOG.rst has no section for v%s" % version)
        if "changelogs/changelog.yaml" not in names:
            problems.append("changelogs/changelog.yaml is missing")
        elif version not in (yaml.safe_load(read("changelogs/changelog.yaml")).get("releases") or {}):
            problems.append("changelogs/changelog.yaml does not record release %s" % version)

        wanted = set()
        ee = yaml.safe_load(read("meta/execution-environment.yml"))
        for kind in ("python", "system"):
            path = (ee.get("dependencies") or {}).get(kind)
            if path:
                wanted.add(path)
        for name in names:
            if name.startswith("playbooks/") and name.endswith(".yml"):
                text = read(name)
                for template in re.findall(r"src: (templates/[\w.{}\s]+?\.j2)", text):
                    if "{{" in template:
                        for candidate in ("md", "csv", "html"):
                            wanted.add("playbooks/" + re.sub(r"\{\{ *item *\}\}", candidate, template))
                    else:
                        wanted.add("playbooks/" + template)
                for relative in re.findall(r"playbook_dir ~ '/\.\./([^']+)'", text):
                    wanted.add(relative)
        for role_dir in set(n.split("/")[1] for n in names if n.startswith("roles/")):
            wanted.add("roles/%s/meta/argument_specs.yml" % role_dir)
        for path in sorted(wanted - names):
            problems.append("%s is referred to but not in the artifact" % path)

    if problems:
        for problem in problems:
            print("check_artifact: " + problem, file=sys.stderr)
        return 1
    summary = (os.path.basename(argv[0]), len(names), version, len(wanted))
    print("check_artifact: %s: %d files, version %s, CHANGELOG.rst, no tests or development files; "
          "the %d files its content refers to are all there" % summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
