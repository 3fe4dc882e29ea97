#!/usr/bin/env bash
# Runs every ZoningHub test, installing what the tests need first (RabbitMQ for the real-broker tests, promtool,
# Chromium for the dashboard's browser test).
# Ends with the line "N passed, N failed" (CI reads it; the skipped count is on the line before) and exits with the
# test run's status; a failing run never ends with "0 failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

bash infra/scripts/install-test-deps.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build ZoningHub.sln -c Release --nologo -v quiet || exit 1
dotnet test ZoningHub.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

mapfile -t projects < <(find tests -name '*.Tests.csproj' -exec basename {} .csproj \; | sort)
bash infra/scripts/test-summary.sh "$log" "$status" "${projects[@]}"
