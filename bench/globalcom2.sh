#!/usr/bin/env bash
# GlobalCom² on a LLaVA-NeXT-shaped model scaled to this CPU: prefill time with no reduction and at retention 0.5,
# 0.25, 0.1 (and 0.25 composed with DART), one 640x480 image, side by side. Options: --text-tokens N --reps N --threads N.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.GlobalCom2 -- "$@"
