#!/usr/bin/env bash
# The council-vote benchmark (issue 3): our runtime on SQLite and PostgreSQL, sequential and with 8
# clients, N = 7 and 25; optionally bpmn-engine's identical workload and the raw commit floor in the
# same run (WITH_BASELINE=1), then a table with the ratios.
#
#   bench/run.sh                       # ours only
#   WITH_BASELINE=1 bench/run.sh       # + shared/bench/bpmn-engine and its floor, side by side
#   INSTANCES_N7=1000 INSTANCES_N25=400 WARMUP=200 MEM_INSTANCES=100000 bench/run.sh
#
# PostgreSQL is a private cluster (fsync on) started here and stopped at the end; SQLite runs in WAL
# mode with synchronous=FULL. Results: bench/.work/<UTC time>/results.jsonl and summary.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
LOG_TAG=bench
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh

INSTANCES_N7=${INSTANCES_N7:-1000}
INSTANCES_N25=${INSTANCES_N25:-400}
WARMUP=${WARMUP:-200}
MEM_INSTANCES=${MEM_INSTANCES:-0}
RUN=$ROOT/bench/.work/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RUN"
OUT=$RUN/results.jsonl

ensure_apt_packages postgresql
start_postgres "$ROOT/bench/.work/pg" "$(free_port)"
trap 'stop_postgres "$ROOT/bench/.work/pg"' EXIT
PG_PORT=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$GOVERNANCE_TEST_POSTGRES")

dotnet build bench/Governance.Bench -c Release -v q
BENCH=(dotnet bench/Governance.Bench/bin/Release/net10.0/linux-x64/Governance.Bench.dll)

ours() { # db n concurrency instances
  log "ours: $1 n=$2 c=$3 instances=$4"
  "${BENCH[@]}" --db "$1" --n "$2" --concurrency "$3" --instances "$4" --warmup "$WARMUP" \
    --pg "$GOVERNANCE_TEST_POSTGRES" --sqlite-dir "$RUN" --out "$OUT" >/dev/null
}

ours sqlite 7 1 "$INSTANCES_N7"
ours sqlite 25 1 "$INSTANCES_N25"
ours pg 7 1 "$INSTANCES_N7"
ours pg 7 8 "$INSTANCES_N7"
ours pg 25 1 "$INSTANCES_N25"
ours pg 25 8 "$INSTANCES_N25"
if ((MEM_INSTANCES > 0)); then
  log "ours: memory over $MEM_INSTANCES finished instances"
  "${BENCH[@]}" --db pg --n 7 --concurrency 8 --instances "$MEM_INSTANCES" --warmup "$WARMUP" --memory-samples 10 \
    --pg "$GOVERNANCE_TEST_POSTGRES" --label "ours-pg-n7-c8-memory" --out "$OUT" >/dev/null
fi

if [[ ${WITH_BASELINE:-0} == 1 ]]; then
  # shared/ is read-only: run the baseline from a copy (npm ci compiles better-sqlite3 once, ~3 min).
  BASE=$ROOT/bench/.work/bpmn-engine
  if [[ ! -d $BASE/node_modules ]]; then
    rm -rf "$BASE" && cp -r "$ROOT/../shared/bench/bpmn-engine" "$BASE" && chmod -R u+w "$BASE"
    (cd "$BASE" && npm ci --no-audit --no-fund)
  fi
  base() { (cd "$BASE" && PGPORT=$PG_PORT BENCH_WORK="$RUN/baseline" node "$@" --out "$OUT" >/dev/null); }
  mkdir -p "$RUN/baseline/sqlite"
  for args in "--mode sqlite --n 7 --instances $INSTANCES_N7 --concurrency 1" "--mode sqlite --n 25 --instances $INSTANCES_N25 --concurrency 1" \
              "--mode pg --n 7 --instances $INSTANCES_N7 --concurrency 1" "--mode pg --n 7 --instances $INSTANCES_N7 --concurrency 8" \
              "--mode pg --n 25 --instances $INSTANCES_N25 --concurrency 1" "--mode pg --n 25 --instances $INSTANCES_N25 --concurrency 8"; do
    log "bpmn-engine: $args"
    # shellcheck disable=SC2086
    base bench.mjs $args --warmup "$WARMUP"
  done
  for args in "--backend pg --clients 1" "--backend pg --clients 8" "--backend sqlite"; do
    log "floor: $args"
    # shellcheck disable=SC2086
    base floor.mjs $args --payload 64 --seconds 8
  done
fi

/usr/bin/python3 bench/summarize.py "$OUT" | tee "$RUN/summary.md"
