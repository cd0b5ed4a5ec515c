#!/usr/bin/env bash
# Runs the `sieve` command from the Release build that ./setup.sh makes (building it first if it is missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dll="$root/src/Cli/bin/Release/net10.0/sieve.dll"
if [[ ! -f "$dll" ]]; then
  dotnet build "$root/src/Cli/Sieve.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi
exec dotnet "$dll" "$@"
