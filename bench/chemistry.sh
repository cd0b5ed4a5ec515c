#!/usr/bin/env bash
# Chemistry throughput, Sieve beside RDKit in one run (needs ./setup.sh --dev for python3-rdkit).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.Chemistry -- "$@"
