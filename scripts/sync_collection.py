"""Mirror the collection's working tree into an ``ansible_collections/NS/NAME`` copy.

ansible-test only runs from a directory laid out as
``.../ansible_collections/<namespace>/<name>``, so ``make`` refreshes a copy of the
working tree there before every ansible-test run.

Files copied: those git tracks plus untracked files that are not ignored (what a
commit would contain), or, outside a git checkout, every file except development
directories. Files are copied only when changed; files that are gone from the working
tree are removed from the copy, except ansible-test's own ``tests/output``.

Usage: sync_collection.py SOURCE_DIR DEST_DIR
"""

import filecmp
import os
import shutil
import subprocess
import sys

SKIP_DIRS = {".git", ".venv", ".tmp", "__pycache__", ".pytest_cache", "tests/output"}
KEEP_IN_DEST = ("tests/output/",)


def _skipped(rel_path):
    parts = rel_path.split("/")
    for i in range(1, len(parts) + 1):
        if "/".join(parts[:i]) in SKIP_DIRS or parts[i - 1] in SKIP_DIRS:
            return True
    return rel_path.endswith((".pyc", ".pyo"))


def list_source_files(source):
    """Relative paths (with '/') of the files a commit of SOURCE would hold."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=source,
            check=True,
            capture_output=True,
        ).stdout
        names = [name for name in out.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for root, dirs, files in os.walk(source):
            rel_root = os.path.relpath(root, source).replace(os.sep, "/")
            rel_root = "" if rel_root == "." else rel_root + "/"
            dirs[:] = [d for d in dirs if not _skipped(rel_root + d)]
            names.extend(rel_root + f for f in files)
    result = set()
    for name in names:
        path = os.path.join(source, name)
        # Deleted-but-still-tracked files are listed by --cached; skip them.
        if _skipped(name) or not os.path.lexists(path) or os.path.isdir(path):
            continue
        result.add(name)
    return result


def sync(source, dest):
    source = os.path.abspath(source)
    dest = os.path.abspath(dest)
    wanted = list_source_files(source)
    os.makedirs(dest, exist_ok=True)

    copied = 0
    for name in sorted(wanted):
        src = os.path.join(source, name)
        dst = os.path.join(dest, name)
        if os.path.islink(src):
            target = os.readlink(src)
            if os.path.islink(dst) and os.readlink(dst) == target:
                continue
            if os.path.lexists(dst):
                os.remove(dst)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            os.symlink(target, dst)
            copied += 1
            continue
        if os.path.isfile(dst) and not os.path.islink(dst) and filecmp.cmp(src, dst, shallow=False):
            # Same content; keep the mode in step (e.g. a script made executable).
            if os.stat(src).st_mode != os.stat(dst).st_mode:
                shutil.copymode(src, dst)
            continue
        if os.path.lexists(dst) and (os.path.islink(dst) or not os.path.isfile(dst)):
            if os.path.isdir(dst) and not os.path.islink(dst):
                shutil.rmtree(dst)
            else:
                os.remove(dst)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)
        copied += 1

    removed = 0
    for root, dirs, files in os.walk(dest, topdown=False):
        rel_root = os.path.relpath(root, dest).replace(os.sep, "/")
        rel_root = "" if rel_root == "." else rel_root + "/"
        for f in files:
            rel = rel_root + f
            if rel.startswith(KEEP_IN_DEST) or rel in wanted:
                continue
            os.remove(os.path.join(root, f))
            removed += 1
        for d in dirs:
            full = os.path.join(root, d)
            rel = rel_root + d
            if os.path.islink(full):
                if rel not in wanted:
                    os.remove(full)
                    removed += 1
            elif not os.listdir(full) and not (rel + "/").startswith(KEEP_IN_DEST):
                os.rmdir(full)
    print(f"synced {source} -> {dest}: {len(wanted)} files, {copied} updated, {removed} removed")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sync(argv[0], argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
