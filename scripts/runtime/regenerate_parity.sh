#!/usr/bin/env bash
# Regenerates the runtime's parity references (tests/Sieve.Runtime.Tests/Parity/data): the test suite writes each
# case's tiny checkpoint, pixels and ids (SIEVE_PARITY_OUT), then the float64 reference computes the prefill logits
# and greedy tokens. Needs python3-torch (./setup.sh --dev). Run the tests again afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build tests/Sieve.Runtime.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
# The comparison may fail here (that is why we regenerate); only the written folders matter.
SIEVE_PARITY_OUT="$out" dotnet test tests/Sieve.Runtime.Tests -c Release --no-build --filter "FullyQualifiedName~LlavaParityTests" >/dev/null || true
data=tests/Sieve.Runtime.Tests/Parity/data
for dir in "$out"/*/; do
  name=$(basename "$dir")
  /usr/bin/python3 scripts/runtime/llava_reference.py "$dir" --input-ids "$(cat "$dir/input_ids.txt")" \
    --pixel-values "$dir/pixels.npy" --logits-out "$data/$name.logits.npy" --generate 8 --tokens-out "$data/$name.tokens.txt"
  echo "regenerated $data/$name.{logits.npy,tokens.txt}: $(cat "$data/$name.tokens.txt")"
done
