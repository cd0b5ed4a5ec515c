#!/usr/bin/env bash
# KV prefix reuse: time to first token per turn of a 5-turn tool-heavy session (image in turn 1, then tool results of
# 100–300 JSON tokens and short user messages), recompute vs reuse side by side through LocalChatClient, on a
# LLaVA-1.5-shaped model scaled to this CPU. Goal: turn-5 TTFT ≤ 15% of recompute.
# Options: --sessions N (best of N per turn, default 1) --answer-tokens N (default 16) --threads N.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Sieve.Bench.Prefix -- "$@"
