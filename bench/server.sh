#!/usr/bin/env bash
# The agent API under load on loopback: 32 clients x 60 s against the report job endpoint and against chat with a
# scripted backend; throughput, p50/p99 latency, errors and lost jobs. Exit 1 on any error or lost job.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.Server -- "$@"
