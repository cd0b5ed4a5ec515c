#!/usr/bin/env bash
# MarkushMatcher throughput: one claim against 10,000 molecules (goal >= 10,000 evaluations/s on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.Markush -- "$@"
