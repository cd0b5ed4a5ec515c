#!/usr/bin/env bash
# LLaVA runtime: vision, prefill latency and decode tokens/s on a LLaVA-1.5-shaped model scaled to this CPU
# (576 image tokens + ~200 text tokens), F32 and BF16, random weights. Options: --text-tokens N --new-tokens N --threads N.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.Runtime -- "$@"
