#!/usr/bin/env bash
# Builds a synthetic consumer of 500 C# files that use the generated client and prints what the
# DssApi generator and analyzers cost inside the compiler, and what the generated code adds to
# the compile. Figures only: nothing is asserted.
# Release throughout: a Debug generator dll runs unoptimized inside the compiler, which is not what ships.
#
# By default every compile is a fresh csc process, as on this machine (MSBUILDDISABLENODEREUSE=1
# keeps the compiler server off): the figures then include compiling the generator and analyzers
# with the JIT. With --server, the consumer compiles in its own compiler server, as in an IDE or on
# a developer's machine, warmed by three builds; the script stops that server when it ends.
# Each variant compiles --rounds times (25 unless told) after its warm-up, and the figures are the
# medians: one compile's analyzer times swing by a factor of 3 to 20 on this machine, and medians of
# fewer compiles moved from 3.7 % to 12.5 % between runs of the same code.
# The consumer's bodies are straight-line by default. With --branching each body also logs the
# deployment's health in an `if`/`else`; with --loops it logs its endpoints in a `foreach`. The
# flow rules read all three shapes from the operation tree, without a control flow graph. With
# --dense each body makes some twenty API calls, one a line (an API-dense consumer).
# KEEP=1 keeps the consumers and build logs (the script prints where).
# Usage: bench/generator-timing.sh [--server] [--branching | --loops | --dense] [--rounds N] [file count]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
server=false
shape=straight
rounds=25
while [ $# -gt 0 ]; do
  case $1 in
    --server) server=true; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --branching) shape=branching; shift ;;
    --loops) shape=loops; shift ;;
    --dense) shape=dense; shift ;;
    *) break ;;
  esac
done
files=${1:-500}
work=$(mktemp -d)
pipe="dssapi-bench-$$"
stop_server() { # only the server this script started, found by its pipe name
  local pid
  for pid in $(pgrep -f "VBCSCompiler.*-pipename:$pipe" || true); do kill "$pid"; done
}
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"; stop_server' EXIT

# shellcheck source=consumer.sh
. "$repo/bench/consumer.sh"

build() { # folder, log: only the consumer compiles; its references were built once below
  local flags=(-c Release --no-incremental -p:BuildProjectReferences=false -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary)
  if [ "$server" = true ]; then
    (cd "$1" && env -u MSBUILDDISABLENODEREUSE dotnet build "${flags[@]}" -nodeReuse:false -p:UseSharedCompilation=true -p:SharedCompilationId="$pipe" > "$2" 2>&1) \
      || { tail -30 "$2"; exit 1; }
  else
    (cd "$1" && dotnet build "${flags[@]}" > "$2" 2>&1) || { tail -30 "$2"; exit 1; }
  fi
}

csc_seconds() { # the Csc task of the consumer: the last "Csc" line of the task summary, in ms
  grep -E '^\s+[0-9]+ ms\s+Csc\s' "$1" | tail -1 | awk '{print $1/1000}'
}

all_analyzer_seconds() { # ReportAnalyzer's total for every analyzer of the compile, the SDK's included
  awk '/Total analyzer execution time/ { print $5; exit }' "$1"
}


[ -n "${KEEP:-}" ] && echo "Consumers and logs kept in $work"
echo "Synthetic consumer: $files files$(case $shape in branching) echo " with an if/else in each body" ;; loops) echo " with a foreach in each body" ;; dense) echo ", an API call on nearly every line" ;; esac), $rounds measured compiles per variant, $([ "$server" = true ] && echo "warm compiler server" || echo "a fresh csc process per compile")"
write_consumer "$work/typed" true true
write_consumer "$work/runtime-on" true false
write_consumer "$work/runtime-off" false false
for variant in typed runtime-on runtime-off; do
  (cd "$work/$variant" && dotnet build -c Release -v:q > "$work/$variant.references.log" 2>&1) || { tail -30 "$work/$variant.references.log"; exit 1; }
  # Warm-up: the build caches, and with a server its JIT, which keeps tiering up over the first compiles.
  for round in $(seq 1 "$([ "$server" = true ] && echo 3 || echo 1)"); do build "$work/$variant" "$work/$variant.warmup.log"; done
  for round in $(seq 1 "$rounds"); do build "$work/$variant" "$work/$variant.$round.log"; done
done

echo
echo "Each compile of the consumer using the generated client (Csc task; ReportAnalyzer's rows for DssApi and its total for"
echo "all analyzers, which the garbage collections and threads running meanwhile inflate alike):"
printf '  %-6s %10s %14s %8s %14s %8s %12s\n' round compile analyzers share 'all analyzers' 'of all' generator
for round in $(seq 1 "$rounds"); do
  read -r analyzers generator < <(dss_seconds "$work/typed.$round.log")
  compile=$(csc_seconds "$work/typed.$round.log")
  all=$(all_analyzer_seconds "$work/typed.$round.log")
  share=$(awk -v a="$analyzers" -v c="$compile" 'BEGIN { printf "%.1f", 100 * a / c }')
  of_all=$(awk -v a="$analyzers" -v t="$all" 'BEGIN { printf "%.1f", 100 * a / t }')
  echo "$round $compile $analyzers $share $generator $all $of_all" >> "$work/typed.rounds"
  printf '  %-6s %8s s %12s s %6s %% %12s s %6s %% %10s s\n' "$round" "$compile" "$analyzers" "$share" "$all" "$of_all" "$generator"
done
column_median() { awk -v c="$1" '{ print $c }' "$work/typed.rounds" | median; }
printf '  %-6s %8s s %12s s %6s %% %12s s %6s %% %10s s\n' median "$(column_median 2)" "$(column_median 3)" "$(column_median 4)" "$(column_median 6)" "$(column_median 7)" "$(column_median 5)"

# The full table of the compile whose share is the median (the lower middle one for an even count).
middle=$(sort -k4 -g "$work/typed.rounds" | awk -v n="$rounds" 'NR == int((n + 1) / 2) { print $1 }')
echo
echo "Generator and analyzers, compile $middle (the median share):"
# ReportAnalyzer's tables: "Total … execution time" headers, then "<seconds>  <percent>  <assembly or type>" rows.
grep -E 'Total (generator|analyzer) execution time|^\s*[0-9]+\.[0-9]+\s+[0-9<]+\s+DssApi\.' "$work/typed.$middle.log" | sed 's/^\s*/  /' | awk '!seen[$0]++'
echo
variant_median() { for round in $(seq 1 "$rounds"); do csc_seconds "$work/$1.$round.log"; done | median; }
typed=$(variant_median typed); on=$(variant_median runtime-on); off=$(variant_median runtime-off)
echo "Compile (Csc task) of the consumer, median of $rounds:"
echo "  $files files using the generated client:              ${typed} s"
echo "  $files files using the runtime only, generation on:   ${on} s"
echo "  $files files using the runtime only, generation off:  ${off} s"
awk -v on="$on" -v off="$off" 'BEGIN { printf "  cost of the generated code and the generator: %.3f s\n", on - off }'
# Where no rule has work: what the compiler charges DssApi's analyzers for being there at all.
idle=$(for round in $(seq 1 "$rounds"); do dss_seconds "$work/runtime-on.$round.log" | awk '{ print $1 }'; done | median)
echo "DssApi analyzers where no rule has work (runtime only, generation on), median: ${idle} s"
