#!/usr/bin/env bash
# Publishes the dssapi tool with Native AOT and prints its trimming/AOT warning count (the target
# is 0), its size, and the time to its first line of output (`dssapi --help`, median of 11 runs),
# beside `python -c "import dataikuapi"` when that module is installed. Figures only: nothing is asserted.
source "$(dirname "$0")/native-aot-setup.sh"
dotnet publish src/DssApi.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" > "$out/aot.log" 2>&1 || { tail -30 "$out/aot.log"; exit 1; }
warnings=$( { grep -E 'warning (IL|AOT)[0-9]+' "$out/aot.log" || true; } | sort -u | wc -l)

first_line_ms() { # command...: milliseconds until the program prints its first line
  local start at
  start=$(date +%s%N)
  at=$("$@" | { IFS= read -r _; date +%s%N; cat > /dev/null; })
  echo $(( (at - start) / 1000000 ))
}

whole_run_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "Trimming and AOT warnings: $warnings"
echo "Size of the binary: $(stat -c %s "$out/aot/DssApi.Cli") bytes"
echo "dssapi --help, first line: $(for _ in $(seq 11); do first_line_ms "$out/aot/DssApi.Cli" --help; done | median) ms"
if python3 -c "import dataikuapi" 2>/dev/null; then
  echo "python -c \"import dataikuapi\", whole run: $(for _ in $(seq 11); do whole_run_ms python3 -c "import dataikuapi"; done | median) ms"
else
  echo "python -c \"import dataikuapi\": the module is not installed here"
fi
