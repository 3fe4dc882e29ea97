#!/usr/bin/env bash
# Adds up a `dotnet test` log for CI: test-summary.sh LOG STATUS PROJECT...
# LOG is what dotnet test printed, STATUS its exit status, PROJECT... the test projects that should each have
# reported (e.g. ZoningHub.Hub.Tests). Prints what does not add up, then "test.sh: N skipped", and last the
# line CI reads, exactly "N passed, N failed". Exits 0 only if every project reported and nothing failed.
# A test host that aborts ("Test Run Aborted") prints no summary line, so its project is counted as 1 failed and
# named; a dotnet test that exits non-zero never ends in "0 failed".
set -uo pipefail
log=$1 status=$2; shift 2

say() { echo "test.sh: $*"; }

# One line per test assembly ("Skipped!" when every test in it was skipped), e.g.
# "Failed!  - Failed:     1, Passed:    30, Skipped:     0, Total:    31, Duration: 5 s - ZoningHub.Hub.Tests.dll (net10.0)"
summaries=$(sed -nE 's/^[[:space:]]*(Passed|Failed|Skipped)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+), Total: +[0-9]+, Duration: .* - (.+)\.dll \(.*$/\2 \3 \4 \5/p' "$log")
read -r failed passed skipped < <(awk '{f += $1; p += $2; s += $3} END {print f + 0, p + 0, s + 0}' <<< "$summaries")

for project in "$@"; do
  if ! awk -v p="$project" '$4 == p {found = 1} END {exit !found}' <<< "$summaries"; then
    if grep -q 'Test Run Aborted' "$log"; then why="its test host aborted (\"Test Run Aborted\" above)"; else why="it did not run"; fi
    say "$project reported no summary: $why; counted as 1 failed."
    failed=$((failed + 1))
  fi
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  say "dotnet test exited with status $status, though no test reported a failure; counted as 1 failed."
  failed=1
fi
[ "$failed" -eq 0 ] || [ "$status" -ne 0 ] || status=1

say "$skipped skipped"
echo "$passed passed, $failed failed"
exit "$status"
