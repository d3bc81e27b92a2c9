"""Run galaxy-importer on a built collection tarball and fail on any finding.

galaxy-importer exits 0 even when it only *logs* problems: ansible-lint violations,
a missing changelog, ansible-doc failures and sanity ignore files all come out as
``WARNING:`` or ``ERROR:`` lines. Galaxy shows those to users, so here every such line
fails the build, as does a failed import.

Usage: galaxy_import_check.py TARBALL   (GALAXY_IMPORTER_CONFIG selects the settings)
"""

import subprocess
import sys

FINDING_PREFIXES = ("WARNING:", "ERROR:", "CRITICAL:")
SUCCESS_LINE = "Importer processing completed successfully"


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    proc = subprocess.run(
        [sys.executable, "-m", "galaxy_importer.main", argv[0]],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    sys.stdout.write(proc.stdout)
    findings = [line for line in proc.stdout.splitlines() if line.strip().startswith(FINDING_PREFIXES)]
    if proc.returncode != 0 or SUCCESS_LINE not in proc.stdout:
        print("galaxy-importer: import FAILED (exit status {0})".format(proc.returncode), file=sys.stderr)
        return 1
    if findings:
        print("galaxy-importer: {0} finding(s), failing the build:".format(len(findings)), file=sys.stderr)
        for line in findings:
            print("  " + line, file=sys.stderr)
        return 1
    print("galaxy-importer: import passed with no findings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
