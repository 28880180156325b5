#!/usr/bin/env bash
# Build the solution and run every test project against a private PostgreSQL
# cluster and an SMTP sink, both started under .testenv/ and stopped on exit.
#
# Usage: ./test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Ballot]
#
# The very last line of output is always "N passed, N failed, N skipped".
# Anything that goes wrong before totals exist (setup, build, crash) is
# reported as at least one failure and a non-zero exit code, never as green.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
LOG_TAG=test.sh
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SLN=Governance.sln
TESTENV=$ROOT/.testenv
RESULTS=$TESTENV/results
TEST_LOG=$TESTENV/test.log

SUMMARY=""   # set once the TRX totals are known

# Runs on every exit (success, failure, Ctrl-C): stop the services, then print
# the summary as the final line so nothing can follow it.
# shellcheck disable=SC2317  # invoked via trap
on_exit() {
  local rc=$?
  set +e
  stop_smtp "$TESTENV/smtp" >>"$TEST_LOG" 2>&1
  stop_postgres "$TESTENV/pg" >>"$TEST_LOG" 2>&1
  if [[ -z $SUMMARY ]]; then
    ((rc != 0)) || rc=1
    SUMMARY="0 passed, 1 failed, 0 skipped"
  fi
  echo "$SUMMARY"
  exit "$rc"
}

mkdir -p "$TESTENV"
: >"$TEST_LOG"
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- prerequisites --------------------------------------------------------
# chromium: the UI tests (tests/Governance.Ui.Tests) drive Debian's /usr/bin/chromium.
ensure_apt_packages postgresql python3-aiosmtpd fonts-noto-cjk poppler-utils chromium

if [[ -f .config/dotnet-tools.json ]]; then
  dotnet tool restore 2>&1 | tee -a "$TEST_LOG"
fi
dotnet restore "$SLN" 2>&1 | tee -a "$TEST_LOG"

# --- services -------------------------------------------------------------
# Ports come from the kernel's ephemeral range (never 5432), so parallel runs
# and a system PostgreSQL don't clash. TESTENV_PG_PORT / TESTENV_SMTP_PORT pin
# them when debugging.
# (The SMTP port is picked after PostgreSQL holds its port, so the two differ.)
start_postgres "$TESTENV/pg" "${TESTENV_PG_PORT:-$(free_port)}"
start_smtp "$TESTENV/smtp" "${TESTENV_SMTP_PORT:-$(free_port)}"

export GOVERNANCE_TEST_ARTIFACTS=$ROOT/test-artifacts
mkdir -p "$GOVERNANCE_TEST_ARTIFACTS"

log "GOVERNANCE_TEST_POSTGRES=$GOVERNANCE_TEST_POSTGRES"
log "GOVERNANCE_TEST_SMTP=$GOVERNANCE_TEST_SMTP_HOST:$GOVERNANCE_TEST_SMTP_PORT (Maildir $GOVERNANCE_TEST_SMTP_MAILDIR)"

# --- build ----------------------------------------------------------------
if ! dotnet build "$SLN" -c Release --no-restore 2>&1 | tee -a "$TEST_LOG"; then
  log "build failed (full log: $TEST_LOG)"
  exit 1   # on_exit reports "0 passed, 1 failed, 0 skipped"
fi

# --- test -----------------------------------------------------------------
# Stale TRX files from an earlier run would be counted again; start empty.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# No LogFileName: with several test projects sharing one results directory a
# fixed name would be overwritten by each project; the default names are unique.
set +e
dotnet test "$SLN" -c Release --no-build \
  --results-directory "$RESULTS" \
  --logger trx \
  --logger "console;verbosity=normal" \
  "$@" 2>&1 | tee -a "$TEST_LOG"
test_rc=${PIPESTATUS[0]}
set -e

# --- totals ---------------------------------------------------------------
read -r passed failed skipped trx_files < <(trx_totals "$RESULTS")

rc=0
if ((test_rc != 0)); then
  log "dotnet test exited with code $test_rc (full log: $TEST_LOG)"
  rc=1
  # e.g. a test host crashed before writing its TRX: still a failure.
  ((failed > 0)) || failed=1
fi
if ((failed > 0)); then
  rc=1
fi
if ((trx_files == 0 || passed + failed == 0)); then
  log "no tests ran (TRX files: $trx_files)"
  rc=1
  ((failed > 0)) || failed=1
fi

if ((failed > 0)); then
  log "failed tests:"
  trx_failures "$RESULTS" | tee -a "$TEST_LOG"
fi
log "TRX results: $RESULTS ($trx_files files); full log: $TEST_LOG"
SUMMARY="$passed passed, $failed failed, $skipped skipped"
exit "$rc"
