#!/usr/bin/python3
"""Asks RDKit 2022.09.3 whether Sieve's 2D layouts + wedge/hash bonds keep each molecule's stereo.

Usage: /usr/bin/python3 scripts/chemistry/check_depiction.py SDF [--golden OUT.tsv] [--max-failures N]
SDF: written by the test Drawings_express_the_molecules_stereo (bin/.../depiction_check.sdf); each record is
our V2000 molblock with data items <id> and <smiles> (the input SMILES).

For each record RDKit reads the molblock (stereo from 2D coordinates and wedges) and its isomeric canonical
SMILES is compared with RDKit's canonical SMILES of the input. Reported: all molecules, and those whose
input has stereo marks (@, / or \\). With --golden, writes `id<TAB>ok<TAB>layout` rows (layout: the fingerprint of
coordinates + wedges the test put in the record) so a C# test can check the verdicts still describe its output.
"""
import argparse
import sys

from rdkit import Chem, RDLogger


def records(path):
    text = open(path, encoding="utf-8").read()
    for chunk in text.split("$$$$\n"):
        if not chunk.strip():
            continue
        block, _, data = chunk.partition("M  END\n")
        block += "M  END\n"
        items = {}
        lines = data.split("\n")
        for i, line in enumerate(lines):
            if line.startswith(">  <"):
                items[line[4:line.index(">", 4)]] = lines[i + 1]
        yield block, items


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sdf")
    ap.add_argument("--golden")
    ap.add_argument("--max-failures", type=int, default=40)
    args = ap.parse_args()
    RDLogger.DisableLog("rdApp.*")
    total = same = stereo_total = stereo_same = 0
    failures = []
    rows = []
    for block, items in records(args.sdf):
        smiles = items["smiles"]
        ref = Chem.MolFromSmiles(smiles)
        if ref is None:
            continue
        want = Chem.MolToSmiles(ref)
        mol = Chem.MolFromMolBlock(block)
        got = Chem.MolToSmiles(mol) if mol is not None else "<unreadable>"
        ok = got == want
        has_stereo = any(c in smiles for c in "@/\\")
        total += 1
        same += ok
        if has_stereo:
            stereo_total += 1
            stereo_same += ok
        if not ok:
            failures.append((items["id"], smiles, want, got))
        rows.append((items["id"], int(ok), items.get("layout", "")))
    print(f"all molecules: {same}/{total} = {100.0 * same / max(total, 1):.2f}% keep RDKit isomeric canonical SMILES")
    print(f"with stereo marks: {stereo_same}/{stereo_total} = {100.0 * stereo_same / max(stereo_total, 1):.2f}%")
    for f in failures[: args.max_failures]:
        print("FAIL", *f, sep="\t")
    if args.golden:
        with open(args.golden, "w", encoding="utf-8") as out:
            out.write("id\tok\tlayout\n")
            for r in rows:
                out.write(f"{r[0]}\t{r[1]}\t{r[2]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
