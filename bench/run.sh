#!/usr/bin/env bash
# The council-vote benchmark (issue 3): our runtime on SQLite and PostgreSQL, sequential and with 8
# clients, N = 7 and 25; optionally bpmn-engine's identical workload and the raw commit floor in the
# same run (WITH_BASELINE=1), then a table with the ratios.
#
#   bench/run.sh                       # ours only
#   WITH_BASELINE=1 bench/run.sh       # + shared/bench/bpmn-engine and its floor, side by side
#   INSTANCES_N7=1000 INSTANCES_N25=400 WARMUP=200 MEM_INSTANCES=100000 ROUNDS=3 bench/run.sh
#
# This machine's CPU speed drifts by up to ~1.8x within minutes (a fixed loop's CPU time moves
# between 0.24 and 0.44 s), so configurations run minutes apart are hard to compare. Every run
# therefore follows a host-speed probe, and with WITH_BASELINE=1 the goal's configurations
# (PostgreSQL, 8 clients) are also run in ROUNDS back-to-back rounds (ours n7, bpmn-engine n7, ours
# n25, bpmn-engine n25, floor, then one more probe); the summary gives every round's ratios and
# their median.
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
ROUNDS=${ROUNDS:-3}
[[ $ROUNDS =~ ^[0-9]+$ ]] || die "ROUNDS must be a whole number, not '$ROUNDS'"
TO= # set only while a goal round runs
RUN=$ROOT/bench/.work/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RUN"
OUT=$RUN/results.jsonl

ensure_apt_packages postgresql
start_postgres "$ROOT/bench/.work/pg" "$(free_port)"
trap 'stop_postgres "$ROOT/bench/.work/pg"' EXIT
PG_PORT=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$GOVERNANCE_TEST_POSTGRES")

dotnet build bench/Governance.Bench -c Release -v q
BENCH=(dotnet bench/Governance.Bench/bin/Release/net10.0/linux-x64/Governance.Bench.dll)

# ours/base write to $OUT, or to $TO when it is set, each result after a host-speed probe.
ours() { # db n concurrency instances
  log "ours: $1 n=$2 c=$3 instances=$4"
  probe "${TO:-$OUT}"
  "${BENCH[@]}" --db "$1" --n "$2" --concurrency "$3" --instances "$4" --warmup "$WARMUP" \
    --pg "$GOVERNANCE_TEST_POSTGRES" --sqlite-dir "$RUN" --out "${TO:-$OUT}" >/dev/null
}

# The host-speed probe: CPU seconds of a fixed single-threaded loop (lower is faster).
probe() { # out
  /usr/bin/python3 - "$1" <<'PY'
import json, sys, time
start = time.process_time()
x = 0
for i in range(3_000_000):
    x += i * i
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps({"kind": "probe", "cpu_s": round(time.process_time() - start, 3)}) + "\n")
PY
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
  base() { probe "${TO:-$OUT}"; (cd "$BASE" && PGPORT=$PG_PORT BENCH_WORK="$RUN/baseline" node "$@" --out "${TO:-$OUT}" >/dev/null); }
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

  for ((round = 1; round <= ROUNDS; round++)); do
    TO=$RUN/round-$round.jsonl
    log "goal round $round of $ROUNDS (PostgreSQL, 8 clients)"
    ours pg 7 8 "$INSTANCES_N7"
    base bench.mjs --mode pg --n 7 --instances "$INSTANCES_N7" --concurrency 8 --warmup "$WARMUP"
    ours pg 25 8 "$INSTANCES_N25"
    base bench.mjs --mode pg --n 25 --instances "$INSTANCES_N25" --concurrency 8 --warmup "$WARMUP"
    base floor.mjs --backend pg --clients 8 --payload 64 --seconds 8
    probe "$TO"
    unset TO
  done
fi

/usr/bin/python3 bench/summarize.py "$OUT" "$RUN"/round-*.jsonl | tee "$RUN/summary.md"
