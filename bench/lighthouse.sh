#!/usr/bin/env bash
# Lighthouse (mobile, simulated Slow 4G) on a running Literasi: bench/lighthouse.sh http://127.0.0.1:5000 /path ...
# Installs lighthouse@12 from npm into bench/.lighthouse once; uses Debian's Chromium.
set -euo pipefail
base=${1:?base URL, e.g. http://127.0.0.1:5000}; shift
dir="$(dirname "$0")/.lighthouse"
[ -x "$dir/node_modules/.bin/lighthouse" ] || npm install --silent --prefix "$dir" lighthouse@12
for path in "${@:-/}"; do
  out=$(mktemp)
  CHROME_PATH=/usr/bin/chromium "$dir/node_modules/.bin/lighthouse" "$base$path" --quiet --output=json --output-path="$out" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking"
  python3 - "$out" "$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
print(sys.argv[2], scores, "LCP", audits["largest-contentful-paint"]["displayValue"],
      "TBT", audits["total-blocking-time"]["displayValue"], "CLS", audits["cumulative-layout-shift"]["displayValue"],
      "bytes", int(audits["total-byte-weight"]["numericValue"]))
PY
  rm -f "$out"
done
