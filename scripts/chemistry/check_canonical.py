#!/usr/bin/python3
"""Checks canonical SMILES written by Sieve against RDKit 2022.09.3.

Usage: /usr/bin/python3 scripts/chemistry/check_canonical.py FILE [--max-failures N]
FILE ('-' = stdin): lines `input_smiles<TAB>our_canonical`; blank lines and lines starting with '#'
are skipped, as is a header line `smiles<TAB>canonical`.

For each line RDKit parses both SMILES and compares their RDKit canonical SMILES:
  same molecule  - RDKit reads ours back as the molecule of the input (the requirement);
  identical      - additionally ours is character-for-character RDKit's canonical SMILES.
Failures (ours unreadable by RDKit, or a different molecule) are listed; exit status 1 if any.
Lines whose *input* RDKit rejects are counted separately and are not failures.
"""
import argparse
import sys

from rdkit import Chem, RDLogger


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--max-failures", type=int, default=50, help="how many failures to list")
    args = ap.parse_args()
    RDLogger.DisableLog("rdApp.*")

    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
    total = same = identical = bad_input = 0
    failures = []
    with stream:
        for lineno, line in enumerate(stream, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[:2] == ["smiles", "canonical"]:
                continue
            if len(fields) < 2:
                failures.append((lineno, line, "", "line has no TAB-separated canonical SMILES"))
                total += 1
                continue
            given, ours = fields[0], fields[1]
            ref_mol = Chem.MolFromSmiles(given)
            if ref_mol is None:
                bad_input += 1
                continue
            total += 1
            expected = Chem.MolToSmiles(ref_mol)
            our_mol = Chem.MolFromSmiles(ours)
            if our_mol is None:
                failures.append((lineno, given, ours, f"RDKit rejects ours; expected {expected}"))
                continue
            got = Chem.MolToSmiles(our_mol)
            if got != expected:
                failures.append((lineno, given, ours, f"different molecule: RDKit reads {got}, expected {expected}"))
                continue
            same += 1
            if ours == expected:
                identical += 1

    pct = (100.0 * same / total) if total else 0.0
    print(f"checked {total} lines: {same} same molecule ({pct:.2f}%), {identical} identical to RDKit's "
          f"canonical SMILES, {len(failures)} failures, {bad_input} inputs RDKit rejects (skipped)")
    for lineno, given, ours, why in failures[:args.max_failures]:
        print(f"line {lineno}: input {given}  ours {ours}  -> {why}")
    if len(failures) > args.max_failures:
        print(f"... {len(failures) - args.max_failures} more failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
