#!/usr/bin/env bash
# Runs the deployment loop under injected faults for many seeds at each fault rate and prints, per rate,
# how many runs completed, ended with a clear error, or broke a rule (a duplicate, a resource left after an
# unexpected error, a WhatToCheck that says nothing). Usage: bench/fault-run.sh [seeds] [rates...]
# (default: 1-300 at 0.2 and 0.4). Figures only: the per-seed lines are kept in the printed log folder.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seeds=${1:-1-300}
shift || true
rates=("${@:-0.2}")
[ $# -eq 0 ] && rates=(0.2 0.4)
logs=$(mktemp -d)

cd "$repo"
dotnet build tests/DssApi.Integration.Tests > "$logs/build.log" 2>&1 || { tail -30 "$logs/build.log"; exit 1; }
printf '%-6s %-9s %9s %12s %12s %9s\n' rate seeds complete "clear error" "rule broken" "time (s)"
for rate in "${rates[@]}"; do
  log="$logs/rate-$rate.log"
  start=$(date +%s)
  DSSAPI_FAULT_SEEDS=$seeds DSSAPI_FAULT_RATE=$rate dotnet test tests/DssApi.Integration.Tests --no-build \
    --filter 'FullyQualifiedName~The_loop_under_faults' --logger 'console;verbosity=detailed' > "$log" 2>&1
  end=$(date +%s)
  count() { grep -oE "^\s*seed [0-9]+: $1" "$log" | sort -u | wc -l; }
  printf '%-6s %-9s %9s %12s %12s %9s\n' "$rate" "$seeds" "$(count complete)" "$(count 'clear error')" "$(count 'rule broken')" $((end - start))
  grep -E "^\s*seed [0-9]+: rule broken" "$log" | sort -u | sed 's/^\s*/  /'
done
echo "Per-seed lines: $logs"
