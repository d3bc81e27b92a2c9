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

PYTEST_ARGS ?=
EDA_ARGS ?=
SANITY_ARGS ?=
INTEGRATION_ARGS ?=

# ansible-core versions `make test` runs sanity and integration on, as PIN:PYTHON, each in its
# own venv under .tmp/venvs. Stage names use the minor version: sanity-2.17, integration-2.21.
# 2.17 is the oldest meta/runtime.yml allows; 2.20+ need Python 3.12 (scripts/find_python.sh).
CORE_MATRIX := 2.17.14:3.11 2.18.19:3.11 2.19.14:3.11 2.21.5:3.12
CORE_NAMES := $(foreach entry,$(CORE_MATRIX),$(basename $(firstword $(subst :, ,$(entry)))))
core_entry = $(filter $(1).%,$(CORE_MATRIX))
core_pin = $(word 1,$(subst :, ,$(call core_entry,$(1))))
core_python = $(word 2,$(subst :, ,$(call core_entry,$(1))))
core_venv = $(TMP)/venvs/ansible-core-$(call core_pin,$(1))-py$(call core_python,$(1))
# The modules' runtime dependency in the matrix venvs, at the dev venv's version.
REQUESTS_PIN := $(shell sed -n 's/^requests==//p' requirements-dev.txt)

# `make test` runs these stages, TEST_JOBS at a time, slowest first (scripts/run_stages.py);
# one line per stage. Each stage is a make target that must not share files with another
# one (own collection copy, own emulator port, own output directory).
TEST_STAGES := system
TEST_STAGES += $(foreach core,$(CORE_NAMES),integration-$(core))
TEST_STAGES += $(foreach core,$(CORE_NAMES),sanity-$(core))
TEST_STAGES += eda
TEST_STAGES += unit
TEST_STAGES += compat
TEST_STAGES += lint
TEST_STAGES += changelog-lint
TEST_STAGES += build
TEST_STAGES += ee
TEST_STAGES += docs-lint
TEST_STAGES += docs-test
TEST_JOBS ?= 3
# TEST_ARGS=--keep-going: start the remaining stages after a failure too.
TEST_ARGS ?=
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

.PHONY: emulator help venv core-venvs get-pip system-packages ansible-test-key chromium ee docs-venv docs docs-lint docs-test collection-link collection-copy unit compat system eda integration sanity \
	lint changelog-lint build test demo bench bench-backup clean distclean

# Pattern rules below (sanity-2.17: ...) take their prerequisites from the stem.
.SECONDEXPANSION:

help:
	@echo "make test            every stage of TEST_STAGES, TEST_JOBS at a time, with per-stage times and logs in .tmp/logs"
	@echo "                     (sanity and integration on ansible-core $(CORE_NAMES), unit, system, lint, ...)"
	@echo "make sanity-2.17     ansible-test sanity on one ansible-core of CORE_MATRIX (own venv in .tmp/venvs)"
	@echo "make integration-2.21  ansible-test integration on one ansible-core of CORE_MATRIX"
	@echo "make unit            pytest: tests/unit and tests/emulator/tests  (PYTEST_ARGS=...)"
	@echo "make compat          the unit tests on requests 2.28 + urllib3 1.26 (the oldest supported), own venv"
	@echo "make system          pytest tests/system: playbooks against the emulator: faults, bad role input, secrets"
	@echo "make eda             a real ansible-rulebook runs extensions/eda/rulebooks/push_to_main.yml (Java 17+, installed if missing)"
	@echo "make integration     ansible-test integration against a local emulator  (INTEGRATION_ARGS=...)"
	@echo "make sanity          ansible-test sanity --python $(ANSIBLE_TEST_PYTHON), offline  (SANITY_ARGS=...)"
	@echo "make lint            ansible-lint --profile production"
	@echo "make changelog-lint  antsibull-changelog lint"
	@echo "make build           ansible-galaxy collection build + galaxy-importer on the tarball"
	@echo "make ee              ansible-builder create + introspect: the execution environment files"
	@echo "make docs            the docs site (antsibull-docs + Sphinx) in .tmp/docs/html;  make docs-lint, make docs-test"
	@echo "make chromium        install Debian's chromium for the HTML tests when it is missing (root)"
	@echo "make emulator        the Bitbucket API emulator on 127.0.0.1:$(EMULATOR_PORT)  (EMULATOR_PORT=..., EMULATOR_ARGS=--seed FILE)"
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

# One venv per ansible-core of CORE_MATRIX: .tmp/venvs/ansible-core-PIN-pyPYTHON (stem PIN-pyPYTHON).
$(TMP)/venvs/ansible-core-%/.stamp: requirements-dev.txt
	@pin='$(word 1,$(subst -py, ,$*))'; py='$(word 2,$(subst -py, ,$*))'; \
	if [ -z "$$pin" ] || [ -z "$$py" ]; then \
		echo "unknown ansible-core; CORE_MATRIX has: $(CORE_NAMES)" >&2; exit 1; \
	fi; \
	interpreter=$$(scripts/find_python.sh "$$py"); \
	echo "creating $(@D): ansible-core $$pin on $$interpreter"; \
	rm -rf "$(@D)"; \
	"$$interpreter" -m venv "$(@D)"; \
	"$(@D)/bin/python" -m pip install --quiet "ansible-core==$$pin" "requests==$(REQUESTS_PIN)"
	touch "$@"

core-venvs: $(foreach core,$(CORE_NAMES),$(call core_venv,$(core))/.stamp)

# ansible-test sanity bootstraps pip in its per-test venvs with a get-pip script it downloads;
# each ansible-core wants its own pip version, so each venv installs the offline stand-in
# under its own name (scripts/install_get_pip.py, only when missing).
get-pip: venv
	@"$(BIN)/python" scripts/install_get_pip.py --python "$(ANSIBLE_TEST_PYTHON)"

# Headless Chromium for the tests that render HTML (access report, docs site): Debian's package.
CHROMIUM_PACKAGES := chromium fonts-dejavu-core
chromium:
	@if [ -n "$${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "chromium is missing: install Debian's chromium (apt-get install $(CHROMIUM_PACKAGES)) or set CHROMIUM=/path" >&2; \
		exit 1; \
	fi; \
	echo "installing $(CHROMIUM_PACKAGES) with apt-get (for the HTML tests)"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq -o DPkg::Lock::Timeout=300 >/dev/null; \
	apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 $(CHROMIUM_PACKAGES) >/dev/null; \
	chromium --version

# ansible-test integration makes ~/.ansible/test/id_rsa when it is missing; the integration runs of
# the matrix start together, so on a fresh machine it is made here first (the same command).
ANSIBLE_TEST_KEY := $(HOME)/.ansible/test/id_rsa
ansible-test-key:
	@if [ ! -f "$(ANSIBLE_TEST_KEY)" ]; then mkdir -p "$(dir $(ANSIBLE_TEST_KEY))"; \
		ssh-keygen -m PEM -q -t rsa -N '' -f "$(ANSIBLE_TEST_KEY)"; fi

# The Debian packages of the stages, one after the other (apt-get takes one lock): Chromium for the
# HTML tests, Java for ansible-rulebook (make eda).
system-packages:
	@$(MAKE) --no-print-directory chromium
	@bash scripts/ensure_java.sh 17

# Only (re)made when wrong: stages running in parallel all ask for it.
collection-link:
	@mkdir -p "$(dir $(COLLECTION_LINK))"
	@[ "$$(readlink "$(COLLECTION_LINK)" 2>/dev/null)" = "$(CURDIR)" ] || ln -sfn "$(CURDIR)" "$(COLLECTION_LINK)"

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
system: venv collection-link chromium
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

sanity: venv collection-copy get-pip
	cd "$(TEST_COLLECTION)" && "$(ANSIBLE_TEST)" sanity --python "$(ANSIBLE_TEST_PYTHON)" \
		--color no $(SANITY_ARGS)

# The matrix: the same on every ansible-core of CORE_MATRIX, each run in its own copy of the
# collection under .tmp/matrix/STAGE and, for integration, its own emulator on a free port.
# The matrix venv comes first on PATH, so `--python X` finds its pythonX (and ansible-core).
# ansible-test keeps its per-test venvs in ~/.ansible/test/venv, named by a hash of the requirements'
# content: sanity runs of two ansible-cores in parallel would create the same venv at the same time
# on a fresh machine. Each core gets its own HOME for ansible-test (short, for the 127-character
# shebang limit), with the user's pip configuration and the get-pip stand-in its pip version needs.
SANITY_HOMES ?= $(HOME)/.cache/bitbucket-cloud-sanity
sanity-%: venv $$(call core_venv,$$*)/.stamp
	@"$(BIN)/python" scripts/sync_collection.py "$(CURDIR)" "$(TMP)/matrix/$@/ansible_collections/bitbucket/cloud"
	@home="$(SANITY_HOMES)/$*"; mkdir -p "$$home"; \
	for conf in .config/pip/pip.conf .pip/pip.conf; do \
		if [ -f "$(HOME)/$$conf" ]; then mkdir -p "$$home/$$(dirname $$conf)"; cp "$(HOME)/$$conf" "$$home/$$conf"; fi; \
	done; \
	HOME="$$home" "$(call core_venv,$*)/bin/python" scripts/install_get_pip.py --python "$(call core_python,$*)"
	cd "$(TMP)/matrix/$@/ansible_collections/bitbucket/cloud" && \
		HOME="$(SANITY_HOMES)/$*" PATH="$(call core_venv,$*)/bin:$$PATH" ANSIBLE_TEST_CONTENT_ROOT="$$PWD" \
		"$(call core_venv,$*)/bin/ansible-test" sanity --python "$(call core_python,$*)" --color no $(SANITY_ARGS)

integration-%: venv $$(call core_venv,$$*)/.stamp
	@"$(BIN)/python" scripts/sync_collection.py "$(CURDIR)" "$(TMP)/matrix/$@/ansible_collections/bitbucket/cloud"
	PATH="$(call core_venv,$*)/bin:$$PATH" "$(BIN)/python" scripts/run_integration.py \
		--collection "$(TMP)/matrix/$@/ansible_collections/bitbucket/cloud" \
		--python "$(call core_python,$*)" --ansible-test "$(call core_venv,$*)/bin/ansible-test" \
		--work-dir "$(TMP)/matrix/$@/emulator" -- $(INTEGRATION_ARGS)

# `lint` and galaxy-importer's ansible-lint (make build) take turns: run at the same time, the
# importer's run once missed the awx.awx mock modules (.ansible-lint mock_modules).
LINT_LOCK := $(TMP)/ansible-lint.lock
lint: venv collection-link
	@mkdir -p "$(TMP)"
	flock "$(LINT_LOCK)" "$(BIN)/ansible-lint" --profile production --nocolor

changelog-lint: venv
	"$(BIN)/antsibull-changelog" lint
	"$(BIN)/antsibull-changelog" lint-changelog-yaml changelogs/changelog.yaml

build: venv collection-copy
	rm -rf "$(DIST)" && mkdir -p "$(DIST)"
	# CHANGELOG.rst is generated from changelogs/changelog.yaml into the copy that is built.
	cd "$(TEST_COLLECTION)" && "$(BIN)/antsibull-changelog" generate
	cd "$(TEST_COLLECTION)" && "$(BIN)/ansible-galaxy" collection build --force --output-path "$(DIST)"
	"$(BIN)/python" scripts/check_artifact.py "$(DIST)"/bitbucket-cloud-*.tar.gz
	cd "$(DIST)" && GALAXY_IMPORTER_CONFIG="$(CURDIR)/scripts/galaxy-importer.cfg" flock "$(LINT_LOCK)" \
		"$(BIN)/python" "$(CURDIR)/scripts/galaxy_import_check.py" "$(DIST)"/bitbucket-cloud-*.tar.gz

# Set-up that stages share is done first, once (venvs in parallel); then the stages run
# TEST_JOBS at a time. The summary lists each stage's wall time; a failure names the stage and
# its log (.tmp/logs/STAGE.log) and shows the log's last lines.
test: venv
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j 4 core-venvs docs-venv system-packages collection-link ansible-test-key; \
	echo "=== set-up done in $$(( $$(date +%s) - start ))s"
	"$(BIN)/python" scripts/run_stages.py --jobs "$(TEST_JOBS)" --log-dir "$(TMP)/logs" $(TEST_ARGS) $(TEST_STAGES)

# The execution environment: ansible-builder create on extensions/awx/execution-environment.yml, and
# introspection of the built collection (meta/execution-environment.yml): pinned requests and aiohttp.
ee: venv
	@"$(BIN)/python" scripts/sync_collection.py "$(CURDIR)" "$(TMP)/ee/src/ansible_collections/bitbucket/cloud"
	rm -rf "$(TMP)/ee/dist" && mkdir -p "$(TMP)/ee/dist"
	cd "$(TMP)/ee/src/ansible_collections/bitbucket/cloud" && \
		"$(BIN)/ansible-galaxy" collection build --force --output-path "$(TMP)/ee/dist" >/dev/null
	"$(BIN)/python" scripts/check_ee.py --tarball "$$(ls "$(TMP)"/ee/dist/bitbucket-cloud-*.tar.gz)" --work-dir "$(TMP)/ee"

# --- docs site ---------------------------------------------------------------------------

# antsibull-docs and Sphinx in their own venv (docs/site/requirements.txt, pinned): Sphinx needs
# another docutils than the dev tools. The site: the collection reference from antsibull-docs
# (modules, the role with its argument spec, plugin indexes) plus the guides of docs/site/guides,
# which include sections of README.md (between <!-- docs:NAME --> markers).
DOCS_VENV := $(TMP)/venvs/docs
DOCS_BIN := $(DOCS_VENV)/bin
DOCS := $(TMP)/docs

$(DOCS_VENV)/.stamp: docs/site/requirements.txt
	@interpreter=$$(scripts/find_python.sh 3.11); \
	echo "creating $(DOCS_VENV) with $$interpreter"; \
	rm -rf "$(DOCS_VENV)"; \
	"$$interpreter" -m venv "$(DOCS_VENV)"; \
	"$(DOCS_BIN)/python" -m pip install --quiet -r docs/site/requirements.txt
	touch "$@"

docs-venv: $(DOCS_VENV)/.stamp

docs: docs-venv collection-link
	rm -rf "$(DOCS)/rst" "$(DOCS)/html"
	mkdir -p "$(DOCS)/rst" && chmod 700 "$(DOCS)/rst"
	PATH="$(DOCS_BIN):$$PATH" "$(DOCS_BIN)/antsibull-docs" --config-file docs/site/antsibull-docs.cfg \
		collection --use-current --dest-dir "$(DOCS)/rst" bitbucket.cloud
	cp docs/site/index.rst docs/site/ansible_references.rst "$(DOCS)/rst/"
	cp -r docs/site/guides "$(DOCS)/rst/guides"
	mkdir -p "$(DOCS)/rst/_include"
	cp README.md "$(DOCS)/rst/_include/README.md"
	cp roles/workspace_provision/README.md "$(DOCS)/rst/_include/workspace_provision.md"
	cp playbooks/examples/workspace.yml "$(DOCS)/rst/_include/workspace.yml"
	PATH="$(DOCS_BIN):$$PATH" "$(DOCS_BIN)/sphinx-build" -q -b html -c docs/site -W --keep-going \
		"$(DOCS)/rst" "$(DOCS)/html"
	@echo "docs site: $(DOCS)/html/index.html"

# antsibull-docs' own checks of the collection's documentation, plugin docs included; any finding fails.
docs-lint: docs-venv collection-link
	PATH="$(DOCS_BIN):$$PATH" "$(DOCS_BIN)/antsibull-docs" lint-collection-docs --plugin-docs "$(COLLECTION_LINK)"

# The built site in headless Chromium: the index and a module page render with their option tables.
docs-test: venv docs chromium
	"$(BIN)/python" -m pytest tests/docs $(PYTEST_ARGS)

# --- demo and benchmarks -----------------------------------------------------------------

# The Bitbucket API emulator alone, in the foreground (Ctrl-C stops it).
EMULATOR_PORT ?= 8080
emulator: venv
	"$(BIN)/python" tests/emulator/run.py --port "$(EMULATOR_PORT)" $(EMULATOR_ARGS)

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
	rm -rf "$(VENV)" "$(SANITY_HOMES)"
