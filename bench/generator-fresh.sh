#!/usr/bin/env bash
# What a fresh csc process spends on the DssApi generator, and how much of that is the JIT.
# Builds the synthetic consumer once, then compiles it with its own csc process (the command line
# the build printed), alternating two generator dlls: the one built, which is what the package
# ships (IL), and the same dll compiled ahead of time for this machine with crossgen2, an
# experiment the package does not ship. Prints the generator's time in each compile and the
# medians, then the number of methods naming DssApi the JIT compiled in one compile of each.
# Linux only (crossgen2 is asked for this machine's processor). Figures only: nothing is asserted.
# Usage: bench/generator-fresh.sh [--rounds N] [file count]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=6
shape=straight
if [ "${1:-}" = --rounds ]; then rounds=$2; shift 2; fi
files=${1:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=consumer.sh
. "$repo/bench/consumer.sh"

write_consumer "$work/consumer" true true
# Built without the compiler server, so that the log holds the csc command line to run again.
(cd "$work/consumer" && dotnet build -c Release -p:ReportAnalyzer=true -p:UseSharedCompilation=false -v:d > "$work/build.log" 2>&1) || { tail -30 "$work/build.log"; exit 1; }
command_line=$(grep -m1 -E '^\s*/\S+/Roslyn/bincore/csc /noconfig ' "$work/build.log" | sed -E 's/^\s+//')
csc=${command_line%% *}
echo "${command_line#* }" > "$work/il.rsp"
generator=$(grep -oE '/analyzer:\S+/DssApi\.Generator\.dll' "$work/il.rsp" | cut -d: -f2)

# crossgen2 comes from the package the SDK restores for ReadyToRun publishing.
case $(uname -m) in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "unsupported processor: $(uname -m)" >&2; exit 1 ;; esac
mkdir -p "$work/restore"
cat > "$work/restore/Restore.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <RuntimeIdentifier>linux-$arch</RuntimeIdentifier>
    <PublishReadyToRun>true</PublishReadyToRun>
  </PropertyGroup>
</Project>
XML
(cd "$work/restore" && dotnet restore > "$work/restore.log" 2>&1) || { tail -30 "$work/restore.log"; exit 1; }
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
crossgen=$(find "$packages/microsoft.netcore.app.crossgen2.linux-$arch" -name crossgen2 -type f | sort -V | tail -1)
# Compiled against the runtime and the Roslyn this csc runs on.
framework=$(find "$(dirname "$(readlink -f "$(command -v dotnet)")")/shared/Microsoft.NETCore.App" -mindepth 1 -maxdepth 1 -type d | sort -V | tail -1)
mkdir -p "$work/precompiled"
"$crossgen" "$generator" -o "$work/precompiled/DssApi.Generator.dll" -r "$framework/*.dll" -r "$(dirname "$csc")/*.dll" \
  --targetos:linux --targetarch:"$arch" -O > "$work/crossgen.log" 2>&1 || { tail -30 "$work/crossgen.log"; exit 1; }
sed "s#/analyzer:$generator#/analyzer:$work/precompiled/DssApi.Generator.dll#" "$work/il.rsp" > "$work/precompiled.rsp"

compile() { # variant, output file; extra environment comes from the caller
  (cd "$work/consumer" && "$csc" @"$work/$1.rsp" > "$2" 2>&1) || { tail -30 "$2"; exit 1; }
}

echo "Synthetic consumer: $files files; a fresh csc process per compile, the two generator dlls alternating"
printf '  %-6s %12s %14s\n' round 'as shipped' 'precompiled'
for round in $(seq 1 "$rounds"); do
  for variant in il precompiled; do
    compile "$variant" "$work/$variant.$round.out"
    dss_seconds "$work/$variant.$round.out" | awk '{ print $2 }' >> "$work/$variant.seconds"
  done
  printf '  %-6s %10s s %12s s\n' "$round" "$(sed -n "${round}p" "$work/il.seconds")" "$(sed -n "${round}p" "$work/precompiled.seconds")"
done
printf '  %-6s %10s s %12s s\n' median "$(median < "$work/il.seconds")" "$(median < "$work/precompiled.seconds")"

echo
echo "Methods naming DssApi that the JIT compiled in one compile (generator and analyzers, generic instantiations included):"
for variant in il precompiled; do
  DOTNET_JitStdOutFile="$work/$variant.jit" DOTNET_JitDisasmSummary=1 compile "$variant" "$work/$variant.jit.out"
  printf '  %-12s %6s\n' "$([ $variant = il ] && echo 'as shipped' || echo precompiled)" "$(grep -c DssApi "$work/$variant.jit")"
done
