# LKj: `make run` serves the app, `make test` runs the whole suite. Both install what is missing.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8501
export LKJ_DB ?= data/lkj.duckdb

.PHONY: run test bench install install-dev system-deps clean-venv backup restore

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed (stamp files).
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian packages the tests need: Chromium for browser tests, DejaVu fonts for the PDF,
# poppler/qpdf to inspect PDFs. Installed only when missing; needs root (as CI runs).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v qpdf >/dev/null 2>&1 || missing="$$missing qpdf"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then echo "Run as root (or: sudo apt-get install$$missing)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

run: install
	$(BIN)/python -m lkj_core init-db --seed-demo-if-empty
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: install-dev system-deps
	$(BIN)/python -m pytest -q

# Timings and memory (never measured by unit tests); writes bench/results.json.
bench: install-dev
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/beban.py

# Backup: a dated ZIP in data/cadangan/ (database export, evidence files, checksums). While
# the app runs it holds the database: use the "Cadangkan sekarang" button on Pengaturan then.
backup: install
	$(BIN)/python -m lkj_core backup

# Restore FILE into the data folder of LKJ_DB, which must not hold a database yet.
restore: install
	@if [ -z "$(FILE)" ]; then \
	  echo "Sebutkan arsip cadangan: make restore FILE=data/cadangan/lkj-cadangan-….zip"; \
	  echo "(pemulihan masuk ke folder data $(dir $(LKJ_DB)) yang belum berisi basis data)"; \
	  exit 1; fi
	$(BIN)/python -m lkj_core restore --arsip "$(FILE)"

clean-venv:
	rm -rf $(VENV)
