# Developer and CI entry points for the bitbucket.cloud collection.
# Needs only GNU make, git and python3 (3.11); everything else is installed into .venv
# from requirements-dev.txt. `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= $(CURDIR)/.venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.requirements-dev.stamp
TMP := $(CURDIR)/.tmp

# Unit tests and playbooks: a symlink to this checkout, so FQCNs resolve to the live tree.
COLLECTIONS_PATH := $(TMP)/collections
COLLECTION_LINK := $(COLLECTIONS_PATH)/ansible_collections/bitbucket/cloud
# ansible-test: a real copy of the working tree (tracked + untracked-not-ignored files),
# refreshed on every run; ansible-test must run from .../ansible_collections/NS/NAME.
TEST_COLLECTION := $(TMP)/ansible-test/ansible_collections/bitbucket/cloud
# Without this, ansible-test walks up from the copy, finds this checkout's .git and asks
# git for the copy's files, which .gitignore hides (.tmp/): it would see no files at all.
export ANSIBLE_TEST_CONTENT_ROOT := $(TEST_COLLECTION)
DIST := $(TMP)/dist
ANSIBLE_TEST_PYTHON ?= 3.11
ANSIBLE_TEST ?= $(BIN)/ansible-test
# `make eda`: ansible-rulebook in its own venv (it pins its own aiohttp, websockets, ...).
RULEBOOK_VENV := $(TMP)/rulebook-venv
RULEBOOK_STAMP := $(RULEBOOK_VENV)/.requirements.stamp
# ansible-test sanity bootstraps pip in its per-test venvs with this script (offline stand-in).
GET_PIP_CACHE := $(HOME)/.ansible/test/cache/get_pip_24_2.py

PYTEST_ARGS ?=
EDA_ARGS ?=
SANITY_ARGS ?=
INTEGRATION_ARGS ?=

TEST_STAGES := unit compat system eda integration sanity lint changelog-lint build
# The oldest supported HTTP stack (requests 2.28, urllib3 1.26), in a venv of its own.
COMPAT_VENV := $(TMP)/venv-urllib3-1.26
COMPAT_REQUIREMENTS := tests/compat/requirements-urllib3-1.26.txt

# Tools come from the venv (galaxy-importer and ansible-test look up ansible-doc,
# ansible-lint and python3.11 on PATH).
export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS_PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export ANSIBLE_NOCOLOR := 1
export PY_COLORS := 0

.PHONY: help venv collection-link collection-copy unit compat system eda integration sanity lint \
	changelog-lint build test demo bench bench-backup clean distclean

help:
	@echo "make test            unit, compat, system, eda, integration, sanity, lint, changelog-lint, build (stops at the first failure)"
	@echo "make unit            pytest: tests/unit and tests/emulator/tests  (PYTEST_ARGS=...)"
	@echo "make compat          the unit tests on requests 2.28 + urllib3 1.26 (the oldest supported), own venv"
	@echo "make system          pytest tests/system: playbooks against the emulator: faults, bad role input, secrets"
	@echo "make eda             a real ansible-rulebook runs extensions/eda/rulebooks/push_to_main.yml (Java 17+, installed if missing)"
	@echo "make integration     ansible-test integration against a local emulator  (INTEGRATION_ARGS=...)"
	@echo "make sanity          ansible-test sanity --python $(ANSIBLE_TEST_PYTHON), offline  (SANITY_ARGS=...)"
	@echo "make lint            ansible-lint --profile production"
	@echo "make changelog-lint  antsibull-changelog lint"
	@echo "make build           ansible-galaxy collection build + galaxy-importer on the tarball"
	@echo "make demo            provision the sample workspace on the emulator twice and print the access report"
	@echo "make bench           API calls and wall time of the role at 50 ms latency  (BENCH_ARGS=...)"
	@echo "make bench-backup    wall time and bytes of workspace_backup on 100 repositories, first and incremental"
	@echo "make clean           remove .tmp and test output;  make distclean  also removes .venv"

# --- environment ---------------------------------------------------------------------

venv: $(VENV_STAMP)

# (Re)installs when requirements-dev.txt is newer than the stamp; recreates a venv
# whose interpreter no longer runs (e.g. a copied or stale .venv).
$(VENV_STAMP): requirements-dev.txt
	@if ! "$(BIN)/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "creating $(VENV) with $(PYTHON)"; \
		rm -rf "$(VENV)"; \
		$(PYTHON) -m venv "$(VENV)"; \
	fi
	"$(BIN)/python" -m pip install --quiet -r requirements-dev.txt
	touch "$@"

collection-link:
	@mkdir -p "$(dir $(COLLECTION_LINK))"
	@ln -sfn "$(CURDIR)" "$(COLLECTION_LINK)"

collection-copy: venv
	@"$(BIN)/python" scripts/sync_collection.py "$(CURDIR)" "$(TEST_COLLECTION)"

# --- test stages ---------------------------------------------------------------------

unit: venv collection-link
	"$(BIN)/python" -m pytest $(PYTEST_ARGS)

# The unit tests again on requests 2.28 + urllib3 1.26, which many controllers and EEs still have.
compat: collection-link $(COMPAT_VENV)/.stamp
	"$(COMPAT_VENV)/bin/python" -c 'import requests, urllib3; print("requests", requests.__version__, "urllib3", urllib3.__version__)'
	"$(COMPAT_VENV)/bin/python" -m pytest -q -n 2 --ignore=tests/unit/extensions $(PYTEST_ARGS)

$(COMPAT_VENV)/.stamp: $(COMPAT_REQUIREMENTS)
	rm -rf "$(COMPAT_VENV)"
	$(PYTHON) -m venv "$(COMPAT_VENV)"
	"$(COMPAT_VENV)/bin/python" -m pip install --quiet -r $(COMPAT_REQUIREMENTS)
	touch "$@"

# Real ansible-playbook runs against the emulator: injected faults, bad role input, secrets at -vvvv (minutes).
system: venv collection-link
	"$(BIN)/python" -m pytest tests/system $(PYTEST_ARGS)

# Event-Driven Ansible end to end: signed, retried and refused deliveries to a real ansible-rulebook.
$(RULEBOOK_STAMP): tests/eda/requirements-rulebook.txt
	@if ! "$(RULEBOOK_VENV)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		rm -rf "$(RULEBOOK_VENV)"; \
		$(PYTHON) -m venv "$(RULEBOOK_VENV)"; \
	fi
	"$(RULEBOOK_VENV)/bin/python" -m pip install --quiet -r tests/eda/requirements-rulebook.txt
	touch "$@"

eda: venv collection-link $(RULEBOOK_STAMP)
	bash scripts/ensure_java.sh 17
	RULEBOOK_VENV="$(RULEBOOK_VENV)" "$(BIN)/python" -m pytest tests/eda $(EDA_ARGS)

integration: venv collection-copy
	"$(BIN)/python" scripts/run_integration.py --collection "$(TEST_COLLECTION)" \
		--python "$(ANSIBLE_TEST_PYTHON)" -- $(INTEGRATION_ARGS)

sanity: venv collection-copy
	@if [ ! -e "$(GET_PIP_CACHE)" ]; then \
		echo "installing offline get-pip stand-in at $(GET_PIP_CACHE)"; \
		mkdir -p "$(dir $(GET_PIP_CACHE))"; \
		cp scripts/offline_get_pip.py "$(GET_PIP_CACHE)"; \
	fi
	cd "$(TEST_COLLECTION)" && "$(ANSIBLE_TEST)" sanity --python "$(ANSIBLE_TEST_PYTHON)" \
		--color no $(SANITY_ARGS)

lint: venv collection-link
	"$(BIN)/ansible-lint" --profile production --nocolor

changelog-lint: venv
	"$(BIN)/antsibull-changelog" lint
	"$(BIN)/antsibull-changelog" lint-changelog-yaml changelogs/changelog.yaml

build: venv collection-copy
	rm -rf "$(DIST)" && mkdir -p "$(DIST)"
	cd "$(TEST_COLLECTION)" && "$(BIN)/ansible-galaxy" collection build --force --output-path "$(DIST)"
	cd "$(DIST)" && GALAXY_IMPORTER_CONFIG="$(CURDIR)/scripts/galaxy-importer.cfg" \
		"$(BIN)/python" "$(CURDIR)/scripts/galaxy_import_check.py" "$(DIST)"/bitbucket-cloud-*.tar.gz

test: venv
	@for stage in $(TEST_STAGES); do \
		start=$$(date +%s); \
		echo "=== make $$stage"; \
		if ! $(MAKE) --no-print-directory $$stage; then \
			echo "=== make $$stage FAILED after $$(( $$(date +%s) - start ))s"; \
			exit 1; \
		fi; \
		echo "=== make $$stage passed in $$(( $$(date +%s) - start ))s"; \
	done

# --- placeholders (filled in by later issues) ------------------------------------------

# The main job on the emulator: provision the sample workspace twice, check drift, print the access report.
demo: venv collection-link
	VENV="$(VENV)" bash scripts/demo.sh

# API calls and wall time of the role and of one module task (not part of `make test`).
bench: venv collection-link
	"$(BIN)/python" benchmarks/bench.py $(BENCH_ARGS)

bench-backup: venv collection-link
	"$(BIN)/python" benchmarks/bench_backup.py $(BENCH_ARGS)

# --- housekeeping --------------------------------------------------------------------

clean:
	rm -rf "$(TMP)" tests/output .pytest_cache importer_result.json
	find . -path ./.venv -prune -o -path ./.git -prune -o -name __pycache__ -type d -print0 \
		| xargs -0 rm -rf

distclean: clean
	rm -rf "$(VENV)"
