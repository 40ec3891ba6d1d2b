#!/usr/bin/env bash
# Publishes the quickstart with Native AOT and as a JIT application and prints the trimming/AOT
# warning count (the target is 0), the size of each, the time to the first line of output
# (start-up, emulator included) and the time of a whole run. Figures only: nothing is asserted.
source "$(dirname "$0")/native-aot-setup.sh"
dotnet publish samples/Quickstart -c Release -p:PublishAot=true -o "$out/aot" > "$out/aot.log" 2>&1 || { tail -30 "$out/aot.log"; exit 1; }
dotnet publish samples/Quickstart -c Release -o "$out/jit" > "$out/jit.log" 2>&1 || { tail -30 "$out/jit.log"; exit 1; }
warnings=$( { grep -E 'warning (IL|AOT)[0-9]+' "$out/aot.log" || true; } | sort -u | wc -l)

first_line_ms() { # command...: milliseconds until the program prints its first line (the run goes on)
  local start at
  start=$(date +%s%N)
  at=$("$@" | { IFS= read -r _; date +%s%N; cat > /dev/null; })
  echo $(( (at - start) / 1000000 ))
}

whole_run_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "Trimming and AOT warnings: $warnings"
printf '%-8s %12s %16s %14s\n' build size "first line (ms)" "whole run (ms)"
for build in aot jit; do
  if [ "$build" = aot ]; then run=("$out/aot/Quickstart"); size=$(stat -c %s "$out/aot/Quickstart"); else run=(dotnet "$out/jit/Quickstart.dll"); size=$(du -sb "$out/jit" | cut -f1); fi
  first=$(for _ in 1 2 3 4 5; do first_line_ms "${run[@]}"; done | median)
  whole=$(for _ in 1 2 3; do whole_run_ms "${run[@]}"; done | median)
  awk -v b="$build" -v s="$size" -v f="$first" -v w="$whole" 'BEGIN { printf "%-8s %9.1f MB %16s %14s\n", b, s / 1048576, f, w }'
done
