#!/usr/bin/env bash
# Runs every ZoningHub test, installing what the tests need first (RabbitMQ for the real-broker tests, promtool,
# Chromium for the dashboard's browser test).
# Ends with the line "N passed, N failed, N skipped" and exits with the test run's status.
set -uo pipefail
cd "$(dirname "$0")/../.."

bash infra/scripts/install-test-deps.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build ZoningHub.sln -c Release --nologo -v quiet || exit 1
dotnet test ZoningHub.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 31, Skipped: 0, ...".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
assemblies=$(grep -cE '^(Passed|Failed)! ' "$log")
expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$status" -eq 0 ] && [ "$assemblies" -ne "$expected" ]; then
  echo "test.sh: $assemblies of $expected test assemblies reported a summary" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
