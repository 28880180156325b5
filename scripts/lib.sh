# shellcheck shell=bash
# Shared helpers for test.sh / run.sh. Source it; do not execute it.
#
# Every helper that starts a service records the PID it started in a pidfile
# and the matching stop helper kills exactly that PID, never a process name,
# so parallel runs (and anything else on the machine) are left alone.

# The python3 on PATH may be a pyenv shim without Debian's python modules
# (aiosmtpd); the Debian interpreter is the one apt installs packages for.
SYSTEM_PYTHON=/usr/bin/python3

log() { printf '[%s] %s\n' "${LOG_TAG:-governance}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# ---------------------------------------------------------------------------
# apt
# ---------------------------------------------------------------------------

# True if the Debian package is fully installed. (`dpkg -s` alone also succeeds
# for packages that were removed but left config files behind.)
apt_package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

_APT_UPDATED=0

# ensure_apt_packages pkg... — install whatever is missing (root only).
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    apt_package_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0

  if ! is_root; then
    log "Missing Debian packages: ${missing[*]}"
    log "Install them first, e.g.: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi

  if ((_APT_UPDATED == 0)); then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    _APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# ---------------------------------------------------------------------------
# ports / processes
# ---------------------------------------------------------------------------

# free_port — print a TCP port on 127.0.0.1 that is free right now. The kernel
# hands out ports from the ephemeral range (32768+ on Linux), so the result can
# never be PostgreSQL's 5432, and concurrent runs get different ports.
free_port() {
  "$SYSTEM_PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# port_is_free PORT — nothing listens on 127.0.0.1:PORT right now.
# SO_REUSEADDR as the servers themselves use it, so connections of a previous
# server still in TIME_WAIT don't count as "in use".
port_is_free() {
  "$SYSTEM_PYTHON" -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}

# wait_for_smtp PORT SECONDS PID — poll until 127.0.0.1:PORT accepts a
# connection and greets with "220". Checking the greeting (not just the
# connect) and that PID is still alive makes sure the listener is ours.
wait_for_smtp() {
  local port=$1 timeout=$2 pid=$3 i
  for ((i = 0; i < timeout * 10; i++)); do
    pid_running "$pid" || return 1
    if (exec 3<>"/dev/tcp/127.0.0.1/$port" && IFS= read -r -t 2 line <&3 && [[ $line == 220* ]]) 2>/dev/null; then
      pid_running "$pid" && return 0
      return 1
    fi
    sleep 0.1
  done
  return 1
}

# pid_alive_matching PID WORD — PID is running and its command line mentions
# WORD. The second check guards against killing an unrelated process that
# reused the PID of a server from an earlier run.
pid_alive_matching() {
  local pid=$1 word=$2
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$word"
}

# pid_running PID — the process exists and is not a zombie (an exited child
# that nobody has reaped yet still answers `kill -0`).
pid_running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# wait_pid_gone PID SECONDS — true once PID has exited.
wait_pid_gone() {
  local pid=$1 timeout=$2 i
  for ((i = 0; i < timeout * 10; i++)); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  return 1
}

# kill_pid_gracefully PID WORD — TERM, wait up to 10s, then KILL.
kill_pid_gracefully() {
  local pid=$1 word=$2
  pid_alive_matching "$pid" "$word" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_pid_gone "$pid" 10 && return 0
  log "PID $pid did not exit after SIGTERM; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  wait_pid_gone "$pid" 5 || log "PID $pid is still running"
}

# ---------------------------------------------------------------------------
# PostgreSQL (private throw-away cluster)
# ---------------------------------------------------------------------------

# Newest installed server binaries, e.g. /usr/lib/postgresql/15/bin.
pg_bindir() {
  local dir
  dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/initdb ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
  printf '%s\n' "$dir"
}

# initdb refuses to run as root, so as root the cluster belongs to the
# `postgres` OS user; otherwise it simply belongs to the current user.
_as_pg() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# stop_postgres DIR — fast shutdown; if pg_ctl fails, kill the recorded PID.
stop_postgres() {
  local dir=$1 bindir pid=""
  [[ -f $dir/postgres.pid ]] && pid=$(<"$dir/postgres.pid")
  if [[ -f $dir/data/postmaster.pid ]]; then
    bindir=$(pg_bindir)
    if _as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      # pg_ctl returns once postmaster.pid is gone, a moment before the
      # postmaster process itself has exited.
      [[ -z $pid ]] || wait_pid_gone "$pid" 10 || true
    else
      log "pg_ctl stop failed for $dir; killing recorded PID ${pid:-<none>}"
    fi
  fi
  # Only does anything if the server is somehow still up.
  if [[ -n $pid ]]; then
    kill_pid_gracefully "$pid" postgres
  fi
  rm -f "$dir/postgres.pid"
}

# start_postgres DIR PORT — fresh cluster in DIR/data listening on
# 127.0.0.1:PORT, unix socket in DIR. Exports GOVERNANCE_TEST_POSTGRES.
start_postgres() {
  local dir=$1 port=$2 bindir pid
  [[ $port =~ ^[0-9]+$ ]] || die "start_postgres: invalid port '$port'"
  bindir=$(pg_bindir)

  # A cluster left over from an interrupted run: stop it, then start clean.
  if [[ -e $dir ]]; then
    stop_postgres "$dir"
    rm -rf "$dir"
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # The socket path (DIR/.s.PGSQL.PORT) must fit in sun_path (107 bytes).
  ((${#dir} + 20 < 107)) || die "PostgreSQL directory path too long for a unix socket: $dir"

  if is_root; then
    chown postgres:postgres "$dir"
    # The postgres user must be able to reach DIR through its parents.
    runuser -u postgres -- test -w "$dir" \
      || die "OS user 'postgres' cannot write $dir (a parent directory is not world-searchable?)"
  fi

  log "initdb ($bindir) in $dir/data"
  if ! _as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    log "initdb with --locale=C.UTF-8 failed; retrying with --locale=C"
    rm -rf "$dir/data"
    _as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres \
      --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi

  # Later settings in postgresql.conf win over the defaults initdb wrote.
  cat >>"$dir/data/postgresql.conf" <<EOF

# --- governance test cluster (scripts/lib.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = on
max_connections = 200
EOF

  # The log file must be writable by the server's user; pre-create it in DIR.
  _as_pg touch "$dir/log"
  log "starting PostgreSQL on 127.0.0.1:$port"
  if ! _as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start >/dev/null; then
    tail -n 30 "$dir/log" >&2 || true
    die "PostgreSQL failed to start (log: $dir/log)"
  fi

  pid=$(head -n 1 "$dir/data/postmaster.pid")
  [[ $pid =~ ^[0-9]+$ ]] || die "could not read postmaster PID from $dir/data/postmaster.pid"
  echo "$pid" >"$dir/postgres.pid"

  export GOVERNANCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres"
}

# ---------------------------------------------------------------------------
# SMTP sink (aiosmtpd writing every message into a Maildir)
# ---------------------------------------------------------------------------

# stop_smtp DIR — kill the recorded PID only.
stop_smtp() {
  local dir=$1
  [[ -f $dir/smtp.pid ]] || return 0
  kill_pid_gracefully "$(<"$dir/smtp.pid")" aiosmtpd
  rm -f "$dir/smtp.pid"
}

# start_smtp DIR PORT — SMTP server on 127.0.0.1:PORT delivering to the
# Maildir DIR/mail. Exports GOVERNANCE_TEST_SMTP_{HOST,PORT,MAILDIR}.
start_smtp() {
  local dir=$1 port=$2 pid
  [[ $port =~ ^[0-9]+$ ]] || die "start_smtp: invalid port '$port'"
  stop_smtp "$dir"          # leftover from an interrupted run
  rm -rf "$dir/mail"
  # Python's mailbox.Maildir only creates tmp/new/cur when the directory
  # itself is missing; create the full layout so delivery cannot fail.
  mkdir -p "$dir/mail/tmp" "$dir/mail/new" "$dir/mail/cur"
  dir=$(cd "$dir" && pwd)

  "$SYSTEM_PYTHON" -c 'import aiosmtpd' 2>/dev/null \
    || die "$SYSTEM_PYTHON cannot import aiosmtpd (apt-get install python3-aiosmtpd)"
  port_is_free "$port" || die "start_smtp: 127.0.0.1:$port is already in use"

  log "starting SMTP sink on 127.0.0.1:$port (Maildir $dir/mail)"
  # -n: don't try to setuid to 'nobody' (it would when started as root).
  "$SYSTEM_PYTHON" -m aiosmtpd -n -l "127.0.0.1:$port" \
    -c aiosmtpd.handlers.Mailbox "$dir/mail" >"$dir/smtp.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/smtp.pid"

  if ! wait_for_smtp "$port" 20 "$pid"; then
    tail -n 30 "$dir/smtp.log" >&2 || true
    stop_smtp "$dir"
    die "SMTP sink did not accept connections on 127.0.0.1:$port within 20s (log: $dir/smtp.log)"
  fi

  export GOVERNANCE_TEST_SMTP_HOST=127.0.0.1
  export GOVERNANCE_TEST_SMTP_PORT=$port
  export GOVERNANCE_TEST_SMTP_MAILDIR=$dir/mail
}

# ---------------------------------------------------------------------------
# TRX totals
# ---------------------------------------------------------------------------

# trx_totals DIR — sum the <Counters> of every *.trx below DIR and print
# "PASSED FAILED SKIPPED TRX_FILES".
#
# Skipped = max(notExecuted, total - executed), per file. The VSTest TRX
# logger that `dotnet test` uses for xunit v2 writes executed = passed + failed
# and hard-codes notExecuted="0" (microsoft/vstest TestRunSummary.cs), so a
# a test marked skipped in xunit only shows up as the gap between total and
# executed. Taking the max keeps this right for TRX writers that do fill
# notExecuted (e.g. newer Microsoft.Testing.Platform reports).
trx_totals() {
  "$SYSTEM_PYTHON" - "$1" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET

passed = failed = skipped = files = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    files += 1
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        # A truncated TRX means a crashed run: count it as a failure.
        print(f"unreadable TRX {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    counters = next((el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "Counters"), None)
    if counters is None:
        print(f"TRX without <Counters>: {path}", file=sys.stderr)
        failed += 1
        continue
    c = lambda name: int(counters.get(name, "0") or 0)
    passed += c("passed")
    # error/timeout/aborted are always 0 from VSTest, but count them if present.
    failed += c("failed") + c("error") + c("timeout") + c("aborted")
    skipped += max(c("notExecuted"), c("total") - c("executed"), 0)
print(passed, failed, skipped, files)
PY
}

# trx_failures DIR — print each failed test of every *.trx below DIR with the
# first lines of its message, so the last lines of a run (all a CI summary may
# keep) still name what failed.
trx_failures() {
  "$SYSTEM_PYTHON" - "$1" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET

def local(el):
    return el.tag.rsplit("}", 1)[-1]

for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for result in root.iter():
        if local(result) != "UnitTestResult" or result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        message = next((el.text or "" for el in result.iter() if local(el) == "Message"), "")
        lines = [line for line in message.strip().splitlines() if line.strip()][:8]
        print(f"FAILED {result.get('testName')} ({result.get('duration', '?')})")
        for line in lines:
            print(f"    {line[:300]}")
PY
}
