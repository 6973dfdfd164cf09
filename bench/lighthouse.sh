#!/usr/bin/env bash
# Lighthouse 12 (mobile, simulated Slow 4G) with Debian's Chromium.
#   bench/lighthouse.sh http://127.0.0.1:5000 /path ...   pages of a server you run; set
#                                                          LIGHTHOUSE_COOKIE="session=..." for a login's pages
#   bench/lighthouse.sh --demo                             the demo app (bench/demo.py, bundled course): the
#                                                          lesson, workshop and certificate-verification pages as a
#                                                          visitor, the quiz and dashboard as its logged-in student
# Installs lighthouse@12 from npm into bench/.lighthouse once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$here/.lighthouse"
[ -x "$dir/node_modules/.bin/lighthouse" ] || npm install --silent --prefix "$dir" lighthouse@12

audit() {  # audit URL LABEL [COOKIE]
  local out headers=()
  out=$(mktemp)
  [ -n "${3:-}" ] && headers=(--extra-headers "$(python3 -c 'import json,sys; print(json.dumps({"Cookie": sys.argv[1]}))' "$3")")
  CHROME_PATH=/usr/bin/chromium "$dir/node_modules/.bin/lighthouse" "$1" --quiet --output=json --output-path="$out" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" "${headers[@]}"
  python3 - "$out" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
print(sys.argv[2], scores, "LCP", audits["largest-contentful-paint"]["displayValue"],
      "TBT", audits["total-blocking-time"]["displayValue"], "CLS", audits["cumulative-layout-shift"]["displayValue"],
      "bytes", int(audits["total-byte-weight"]["numericValue"]))
PY
  rm -f "$out"
}

if [ "${1:-}" = "--demo" ]; then
  python="$here/../.venv/bin/python"
  info=$(mktemp)
  "$python" "$here/demo.py" >"$info" 2>/dev/null &
  demo=$!
  trap 'kill "$demo" 2>/dev/null; rm -f "$info"' EXIT
  for _ in $(seq 1 120); do [ -s "$info" ] && break; kill -0 "$demo" || exit 1; sleep 1; done
  [ -s "$info" ] || { echo "the demo app did not start" >&2; exit 1; }
  read_url() { python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print(d["base"] + d["urls"][sys.argv[2]] if sys.argv[2] != "cookie" else d["cookie"])' "$info" "$1"; }
  cookie=$(read_url cookie)
  audit "$(read_url lesson)" lesson
  audit "$(read_url quiz)" quiz "$cookie"
  audit "$(read_url dashboard)" dashboard "$cookie"
  audit "$(read_url workshop)" workshop
  audit "$(read_url verification)" certificate-verification
  exit 0
fi

base=${1:?base URL, e.g. http://127.0.0.1:5000, or --demo}; shift
for path in "${@:-/}"; do
  audit "$base$path" "$path" "${LIGHTHOUSE_COOKIE:-}"
done
