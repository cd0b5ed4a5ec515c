#!/usr/bin/env bash
# Vision-token reduction: prefill ms and decode tokens/s for 576 → 192/128/64 image tokens with DART (paper and exact
# budget), FastV, random and pooling, beside the FLOPs-predicted prefill speedup, on a LLaVA-1.5-shaped model (32
# decoder layers, narrowed) on this CPU. Options (defaults): --layers 32 --hidden 256 --text-tokens 64 --new-tokens 8
# --reps 2 --threads 1 (prefill is timed as CPU time and wall time; see Program.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.Reduction -- "$@"
