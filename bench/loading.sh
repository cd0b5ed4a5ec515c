#!/usr/bin/env bash
# Checkpoint loading: peak private memory relative to the loaded model, memory-mapped loader beside reading the
# whole file first; BF16 on disk loaded as bfloat16 and as float32. Each load runs in a fresh process.
#   bench/loading.sh [SIZE_MIB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
dir="${TMPDIR:-/tmp}/sieve-bench-loading-$size"
dotnet build bench/Sieve.Bench.Loading -c Release -nologo -v quiet -clp:ErrorsOnly
exe="dotnet bench/Sieve.Bench.Loading/bin/Release/net10.0/Sieve.Bench.Loading.dll"
[[ -f "$dir/model.safetensors" ]] || $exe write "$dir" "$size"
echo "checkpoint: $dir/model.safetensors ($(du -m "$dir/model.safetensors" | cut -f1) MiB, BF16)"
for dtype in bfloat16 float32; do
  for mode in mapped readall; do
    $exe load "$dir" "$mode" "$dtype"
  done
done
