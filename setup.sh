#!/usr/bin/env bash
# Sets Sieve up on a fresh Debian 12 machine, idempotently: the Debian packages it needs, NuGet restore,
# a Release build of the whole solution, and the native fix-ups (`sieve setup`).
#   ./setup.sh          what users need to run Sieve
#   ./setup.sh --dev    also the test and benchmark oracles (RDKit, Open Babel, OSRA, Pillow, SentencePiece, PyTorch 1.13)
#                       used to regenerate golden data and run the benchmarks' peers
set -euo pipefail
cd "$(dirname "$0")"

packages=(libgtk-3-0)            # libOpenCvSharpExtern.so links against GTK 3
if [[ " $* " == *" --dev "* ]]; then
  packages+=(python3-rdkit rdkit-data openbabel osra python3-sentencepiece python3-pil python3-numpy python3-torch)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

echo "setup: restoring and building (Release)"
dotnet build Agents.sln -c Release -nologo -v quiet -clp:ErrorsOnly

# Native fix-ups that must happen before any user meets them (see docs/architecture.md, "Native set-up").
./sieve setup
