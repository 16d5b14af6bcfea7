# Two commands: `make run` starts AbleMatch with the demo district; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := webapp

.PHONY: run test install test-deps browser-deps translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
	$(BIN)/pybabel compile -d webapp/translations >/dev/null

# After changing texts in webapp/ or services/: extract them and merge into the catalogues, then translate the new entries.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ -o webapp/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i webapp/translations/messages.pot -d webapp/translations --width 120

run: install
	$(BIN)/flask --app webapp db-upgrade
	$(BIN)/flask --app webapp seed-demo --if-empty
	$(BIN)/python -m scheduler --once  # what is due: quota snapshots, suggestions, reminders
	$(BIN)/flask --app webapp run --host 127.0.0.1 --port 5000

# Debian's Chromium and CJK fonts for the browser tests (Noto Sans CJK for its real bold face), axe-core from npm;
# each only when missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy' && \
	  fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei \
	    fonts-noto-cjk >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --silent

test-deps: install browser-deps

test: test-deps
	$(BIN)/lint-imports  # the layers of the house (pyproject.toml, [tool.importlinter])
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) node_modules instance/*.sqlite3 .pytest_cache
