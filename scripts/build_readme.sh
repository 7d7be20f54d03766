#!/usr/bin/env bash
# Assemble README.md from its sections in docs/readme/ (edit the sections, then run this).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=(_head _tour samples eventlog maps filtering observations perceived hotspots ranges adoption change reports benchmarks engines guarantees _develop)
{
  for p in "${parts[@]}"; do
    f="docs/readme/$p.md"
    [ -f "$f" ] || continue
    sed -e 's#(\.\./img/#(docs/img/#g' -e 's#(img/#(docs/readme/img/#g' "$f"
    echo
  done
} > README.md
echo "README.md: $(wc -l < README.md) lines"
