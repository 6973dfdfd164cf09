#!/usr/bin/env bash
# The whole suite, over and over, as `make test` runs it, until a run fails or N runs pass
# (issue 19: "the whole suite passes 20 times in a row"). Each run is one line in the log:
# when it ended, the commit, the database, passed or FAILED, pytest's summary and how long.
#
#   bench/repeat.sh 20                       # SQLite, 20 runs
#   bench/repeat.sh 20 postgresql://postgres:postgres@127.0.0.1:5432/literacy_repeat
#
# The clone it runs in is the caller's checkout (run it from a clean clone of main); the log is
# REPEAT_LOG (default /tmp/literasi-repeat.log) and each run's output is beside it.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
url=${2:-}
log=${REPEAT_LOG:-/tmp/literasi-repeat.log}
make install system-packages .venv-openbadges/.installed >/dev/null || exit 1
# a database the suite cannot reach is not a flaky run: say so once instead of logging 1,800 errors
if [ -n "$url" ] && ! .venv/bin/python -c 'import sys, sqlalchemy; from literacy.database import normalise_url as n; sqlalchemy.create_engine(n(sys.argv[1])).connect().close()' "$url"; then
  echo "repeat.sh: cannot connect to $url (server started? password set, as .ci/run sets it?)" >&2
  exit 1
fi
commit=$(git rev-parse --short HEAD)
database=${url:+postgresql}
database=${database:-sqlite}
for n in $(seq 1 "$runs"); do
  out="$log.$database.$n"
  started=$(date +%s)
  if [ -n "$url" ]; then
    LITERACY_REQUIRE_OB_VALIDATOR=1 LITERACY_TEST_DATABASE_URL="$url" .venv/bin/pytest -q -p no:cacheprovider >"$out" 2>&1
  else
    env -u LITERACY_TEST_DATABASE_URL LITERACY_REQUIRE_OB_VALIDATOR=1 .venv/bin/pytest -q -p no:cacheprovider >"$out" 2>&1
  fi
  code=$?
  verdict=$([ $code -eq 0 ] && echo passed || echo FAILED)
  summary=$(grep -E '(passed|failed|error).* in [0-9.]+s' "$out" | tail -1 | tr -d '=' | xargs)
  echo "$(date -u +%FT%TZ) $commit $database run $n of $runs: $verdict ($summary) $(( $(date +%s) - started )) s" | tee -a "$log"
  [ $code -eq 0 ] || exit 1
done
