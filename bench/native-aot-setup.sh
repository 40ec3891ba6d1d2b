# Sourced by the Native AOT benchmarks: strict mode, a scratch folder removed on exit ($out), clang
# for the native link, and the repository root as the working directory ($repo).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Native AOT links with clang.
command -v clang >/dev/null || { apt-get update -qq && apt-get install -y -qq clang zlib1g-dev >/dev/null; }

cd "$repo"
