#!/usr/bin/env bash
# Print the path of a working python<VERSION> interpreter, or fail saying how to get one.
#   find_python.sh 3.12
# Looks, in order, at $PYTHON<MAJOR><MINOR> (e.g. PYTHON312=/opt/py/bin/python3.12), python<VERSION>
# on PATH (a pyenv shim only counts if it actually runs), pyenv's versions directory
# ($(pyenv root) or $PYENV_ROOT or ~/.pyenv), and the usual system locations.
set -euo pipefail

version=${1:?usage: find_python.sh VERSION}
override_var=PYTHON${version//./}

works() {
    [[ -n $1 && -x $1 ]] && "$1" -c "import sys, venv; sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" >/dev/null 2>&1
}

candidates=()
[[ -n ${!override_var:-} ]] && candidates+=("${!override_var}")
if found=$(command -v "python$version" 2>/dev/null); then candidates+=("$found"); fi
roots=()
if command -v pyenv >/dev/null 2>&1; then roots+=("$(pyenv root 2>/dev/null || true)"); fi
roots+=("${PYENV_ROOT:-}" "$HOME/.pyenv" /root/.pyenv /opt/pyenv /usr/local/pyenv)
mapfile -t roots < <(printf '%s\n' "${roots[@]}" | awk 'NF && !seen[$0]++')
for root in "${roots[@]}"; do
    [[ -n $root && -d $root/versions ]] || continue
    # Newest patch release first (3.12.10 before 3.12.9).
    while IFS= read -r dir; do
        candidates+=("$dir/bin/python$version")
    done < <(ls -d "$root/versions/$version".* "$root/versions/$version" 2>/dev/null | sort -t. -k3,3nr)
done
candidates+=("/usr/local/bin/python$version" "/usr/bin/python$version")

for candidate in "${candidates[@]}"; do
    if works "$candidate"; then
        # The interpreter itself, not a venv's copy of it (PATH may start with a venv).
        "$candidate" -c "import sys; print(getattr(sys, '_base_executable', '') or sys.executable)"
        exit 0
    fi
done

{
    echo "find_python: no working python$version found."
    echo "  Looked at: \$$override_var, python$version on PATH, pyenv versions (${roots[*]}), /usr/local/bin, /usr/bin."
    echo "  Install it (for example 'pyenv install $version' or 'apt-get install python$version python$version-venv'),"
    echo "  or point $override_var at an interpreter: make test $override_var=/path/to/python$version"
} >&2
exit 1
