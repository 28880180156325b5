#!/usr/bin/env bash
# Run the governance server locally on SQLite with demo data.
# The server migrates the database, seeds the demo alliance and prints the
# demo accounts on startup.
#
# Usage: ./run.sh            (listens on http://127.0.0.1:5080)
#        GOVERNANCE_URL=http://0.0.0.0:8080 ./run.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
LOG_TAG=run.sh
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# CJK fonts are needed for PDF output with Chinese/Japanese/Korean text. Only
# root can install them; without them the server still runs, so just warn.
if is_root; then
  ensure_apt_packages fonts-noto-cjk
elif ! apt_package_installed fonts-noto-cjk; then
  log "warning: fonts-noto-cjk is not installed; documents with Chinese text cannot be rendered without it"
fi

if [[ -f .config/dotnet-tools.json ]]; then
  dotnet tool restore
fi
dotnet restore Governance.sln

export ASPNETCORE_ENVIRONMENT=Development
export Database__Provider=Sqlite
export Database__MigrateOnStartup=true
export Demo__Seed=true
export Demo__PrintAccounts=true

exec dotnet run --project src/Governance.Server -c Release -- \
  --urls "${GOVERNANCE_URL:-http://127.0.0.1:5080}"
