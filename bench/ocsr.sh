#!/usr/bin/env bash
# OCSR accuracy and speed, Sieve against OSRA on the same images: exact-match rate (canonical SMILES equal),
# mean Tanimoto and seconds per image, per drawing style, one table.
#   bench/ocsr.sh [COUNT]      COUNT molecules per style (default 50); needs ./setup.sh --dev (RDKit, OSRA)
# Styles: s400 s800 bold noisy abbrev markush, and images as found: jpeg rotated tiff (scripts/ocsr/make_devset.py).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-50}"
# OCSR_BENCH_DIR=DIR keeps the images and both tools' readings there (for scripts/ocsr/errors.py).
# OCSR_SEED=S draws another set of molecules (default 8); a seed the reader was never tuned on is a held-out check.
seed="${OCSR_SEED:-8}"
if [ -n "${OCSR_BENCH_DIR:-}" ]; then
  work="$OCSR_BENCH_DIR"; mkdir -p "$work"
else
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fi

/usr/bin/python3 scripts/ocsr/make_devset.py "$work/set" --count "$count" --seed "$seed" >&2
mapfile -t images < <(tail -n +2 "$work/set/truth.tsv" | cut -f2)

# Sieve: one process for all images, per-image seconds from --json (the process start is spread over the set).
dotnet build src/Cli/Sieve.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
start=$(date +%s.%N)
(cd "$work/set" && dotnet "$OLDPWD/src/Cli/bin/Release/net10.0/sieve.dll" ocsr --json "${images[@]}" 2>/dev/null || true) > "$work/sieve.jsonl"
total=$(echo "$(date +%s.%N) - $start" | bc)
/usr/bin/python3 - "$work/sieve.jsonl" "$total" > "$work/sieve.tsv" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
per_image = float(sys.argv[2]) / max(len(rows), 1)
for r in rows:
    print(f"{r['image']}\t{r.get('smiles') or ''}\t{per_image:.4f}")
PY

# OSRA: one process per image, as it is used.
for image in "${images[@]}"; do
  s=$(date +%s.%N)
  smiles=$(cd "$work/set" && timeout 60 osra -f can "$image" 2>/dev/null | head -1 | cut -f1 -d' ' || true)
  printf '%s\t%s\t%s\n' "$image" "$smiles" "$(echo "$(date +%s.%N) - $s" | bc)"
done > "$work/osra.tsv"

echo "OCSR dev set: $count molecules per style from rdkit-data (NCI first_5K, seed $seed), drawn by RDKit 2022.09"
/usr/bin/python3 scripts/ocsr/score.py "$work/set/truth.tsv" "Sieve=$work/sieve.tsv" "OSRA=$work/osra.tsv"
