#!/usr/bin/env bash
# Runs every ZoningHub test, installing what the tests need first (RabbitMQ for the real-broker tests, promtool,
# Chromium for the dashboard's browser test).
# Ends with the line "N passed, N failed" (CI reads it; the skipped count is on the line before) and exits with the
# test run's status. It ends so whatever fails, the installation and the build included, and then never with
# "0 failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

say() { echo "test.sh: $*"; }
# A failure before any test ran: say why, and end with the line CI reads all the same.
give_up() { say "$*" >&2; say "0 skipped"; echo "0 passed, 1 failed"; exit 1; }

bash infra/scripts/install-test-deps.sh \
  || give_up "installing the test dependencies failed (exit $?; its message is above), so no test ran. Run infra/scripts/install-test-deps.sh as root, or install the packages it names."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build ZoningHub.sln -c Release --nologo -v quiet \
  || give_up "the build failed (exit $?; the errors are above), so no test ran."
# In English whatever the machine's language: test-summary.sh reads the summary lines.
DOTNET_CLI_UI_LANGUAGE=en dotnet test ZoningHub.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

mapfile -t projects < <(find tests -name '*.Tests.csproj' -exec basename {} .csproj \; | sort)
bash infra/scripts/test-summary.sh "$log" "$status" "${projects[@]}"
