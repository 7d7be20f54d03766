#!/usr/bin/env bash
# Set up shadowing on a fresh Debian/Ubuntu machine: system programs, then a virtual
# environment with the package. Usage: scripts/setup.sh [python] [venv-dir]
set -euo pipefail
PYTHON=${1:-python3}
VENV=${2:-.venv}

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
   && ! command -v google-chrome >/dev/null 2>&1; then
  need+=(chromium)
fi
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)  # Spark (scan_event_log engine="spark")

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages with sudo: ${need[*]}"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
  else
    echo "setup: these system programs are missing: ${need[*]}" >&2
    echo "setup: install them, then run the command again:" >&2
    echo "    sudo apt-get install ${need[*]}        (Debian/Ubuntu)" >&2
    echo "    conda env create -f environment.yml   (conda brings graphviz; install Chromium for PDF)" >&2
    exit 1
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating the virtual environment $VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[dev,spark]"
echo "setup: done ($("$VENV/bin/python" -c 'import shadowing; print("shadowing", shadowing.__version__)'))"
