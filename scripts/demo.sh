#!/usr/bin/env bash
# `make demo`: provision the emulator's sample workspace from playbooks/examples/workspace.yml twice
# (the second run must change nothing), check it for drift, and print the access report.
# Assumes the Makefile has created .venv (VENV=... to use another one). Everything else is set up here,
# and the emulator it starts is always stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VENV=${VENV:-$ROOT/.venv}
BIN=$VENV/bin
WORK=$ROOT/.tmp/demo
SPEC=playbooks/examples/workspace.yml
SEED=tests/emulator/seeds/sample.yml
STARTED=$(date +%s)

for tool in python ansible-playbook; do
    [[ -x $BIN/$tool ]] || { echo "demo: $BIN/$tool is missing; run 'make venv' first" >&2; exit 1; }
done

# The playbooks run by FQCN from a collection path that points at this checkout.
mkdir -p .tmp/collections/ansible_collections/bitbucket "$WORK"
[[ -e .tmp/collections/ansible_collections/bitbucket/cloud ]] \
    || ln -sfn "$ROOT" .tmp/collections/ansible_collections/bitbucket/cloud
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.tmp/collections
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false ANSIBLE_RETRY_FILES_ENABLED=false
rm -rf "${WORK:?}"/*

step() { printf '\n===== %s\n' "$*"; }

step "Starting the Bitbucket Cloud emulator with the sample workspace ($SEED)"
PORT_FILE=$WORK/emulator.port
"$BIN/python" tests/emulator/run.py --port 0 --port-file "$PORT_FILE" --seed "$SEED" >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
stop_emulator() {
    if kill -0 "$EMULATOR_PID" 2>/dev/null; then
        kill "$EMULATOR_PID" 2>/dev/null || true
        wait "$EMULATOR_PID" 2>/dev/null || true
    fi
}
trap stop_emulator EXIT

PORT=
for _ in $(seq 1 200); do
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.log" >&2; echo "demo: the emulator exited" >&2; exit 1; }
    if [[ -s $PORT_FILE ]]; then
        PORT=$(grep -oE '[0-9]+' "$PORT_FILE" | tail -n 1)
        if "$BIN/python" - "$PORT" <<'EOF' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen('http://127.0.0.1:%s/_emulator/state' % sys.argv[1], timeout=1)
EOF
    fi
    sleep 0.1
done
[[ -n $PORT ]] || { echo "demo: the emulator did not start (see $WORK/emulator.log)" >&2; exit 1; }
echo "emulator at http://127.0.0.1:$PORT"

# Credentials from the environment, as a CI job would set them: alice, the workspace owner, with an API token.
for name in $(compgen -e | grep '^BITBUCKET_' || true); do unset "$name"; done
export BITBUCKET_API_URL=http://127.0.0.1:$PORT/2.0
export BITBUCKET_USER=alice@example.com
export BITBUCKET_API_TOKEN=alice-api-token

step "1/4 ansible-playbook bitbucket.cloud.provision_workspace -e @$SPEC"
"$BIN/ansible-playbook" bitbucket.cloud.provision_workspace -e "@$SPEC" | tee "$WORK/provision-1.log"

step "2/4 the same again: nothing to change"
"$BIN/ansible-playbook" bitbucket.cloud.provision_workspace -e "@$SPEC" | tee "$WORK/provision-2.log"
RECAP=$(grep -E '^localhost +:' "$WORK/provision-2.log" | tail -n 1)
if [[ $RECAP != *" changed=0 "* ]]; then
    echo "demo: FAILED, the second run changed something: $RECAP" >&2
    exit 1
fi
echo "second run: $RECAP"

step "3/4 ansible-playbook bitbucket.cloud.drift_check -e @$SPEC"
"$BIN/ansible-playbook" bitbucket.cloud.drift_check -e "@$SPEC" | tee "$WORK/drift-check.log" | grep -E 'matches the spec\.|^localhost'

step "4/4 ansible-playbook bitbucket.cloud.access_report -e bitbucket_workspace=acme"
"$BIN/ansible-playbook" bitbucket.cloud.access_report -e bitbucket_workspace=acme \
    -e "bitbucket_report_dir=$WORK/access-report" >"$WORK/access-report.log"
echo "wrote access-report.md, access-report.csv and access-report.html (open it in a browser) in $WORK/access-report"
echo
cat "$WORK/access-report/access-report.md"

step "Demo passed in $(( $(date +%s) - STARTED ))s; stopping the emulator"
