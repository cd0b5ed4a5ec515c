#!/usr/bin/env bash
# Fast multi-turn sessions (issue 7) in one command: the three tables side by side in one run —
#   1. vision-token reduction on LLaVA-1.5 (576 → 192/128/64 image tokens per method, prefill and decode, FLOPs ratio),
#   2. GlobalCom² on LLaVA-NeXT (AnyRes, alone and composed with DART),
#   3. KV prefix reuse: a 5-turn tool-heavy session's time to first token per turn, recompute vs reuse.
# Each part takes its own options through bench/reduction.sh, bench/globalcom2.sh and bench/prefix.sh; this runs
# them with their defaults. --skip-globalcom2 leaves out part 2 (the slowest: about 3 minutes here).
set -euo pipefail
cd "$(dirname "$0")/.."
skip_globalcom2=false
for arg in "$@"; do
  case "$arg" in
    --skip-globalcom2) skip_globalcom2=true ;;
    *) echo "bench/sessions.sh: unknown option '$arg' (only --skip-globalcom2)" >&2; exit 1 ;;
  esac
done
echo "== 1/3 vision-token reduction (LLaVA-1.5 shape)"
bench/reduction.sh
if [ "$skip_globalcom2" = false ]; then
  echo "== 2/3 GlobalCom² (LLaVA-NeXT shape)"
  bench/globalcom2.sh
fi
echo "== 3/3 KV prefix reuse (5-turn session through LocalChatClient)"
bench/prefix.sh
