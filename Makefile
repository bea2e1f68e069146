# Two entry points do the whole set-up on a fresh Debian machine:
#   make demo   serve the simulated city, assess it, write every report
#   make test   lint and run the test suite
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := chromium fonts-noto-cjk

.PHONY: demo test lint system-packages venv clean

demo: system-packages venv
	$(BIN)/zwgk demo

test: system-packages venv lint
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Chromium renders script-filled lists, takes screenshots and prints the PDF;
# the CJK fonts make Chinese text legible in both.
system-packages:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "Missing Debian packages:$$missing. Install them as root, then run make again:"; \
	    echo "  sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) var out
