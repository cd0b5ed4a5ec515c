#!/usr/bin/python3
"""Drawn bond-line cases for tests/Sieve.Ocsr.Tests (LineDrawingTests): RDKit drawings of molecules whose lines the
reader once lost or split: free-ended 45° bonds that Zhang–Suen thinning erased whole (a methyl and the C–O of an
OH on one carbon), a ring corner split in two, a bond cut near its middle, and scans (the dev set's noisy style,
fixed seed) whose blur joined a stacked H over N into the bonds.

  /usr/bin/python3 scripts/ocsr/make_line_cases.py [OUT_DIR=tests/Sieve.Ocsr.Tests/Data/lines]

Writes OUT_DIR/<name>.png (16-colour) and OUT_DIR/truth.tsv (name, truth as RDKit's canonical SMILES).
Needs python3-rdkit and python3-pil (./setup.sh --dev).
"""
import os
import random
import sys

from make_devset import draw, noisy
from make_label_cases import write_cases

STYLES = {
    "s400": lambda m: draw(m, (400, 300)),
    "noisy": lambda m: noisy(draw(m, (500, 400), bw=True), random.Random(3)),
}
CASES = [
    ("diphenylethanol-s400", "s400", "CC(O)(c1ccccc1)c1ccccc1"),
    ("benzamide-chain-s400", "s400", "O=C(NCCCCC(Br)C(=O)O)c1ccccc1"),
    ("methoxyphenone-s400", "s400", "COc1ccc(C(=O)CC(c2ccccc2)C(C#N)c2ccccc2)cc1"),
    ("dibutylbiphenyldiamine-s400", "s400", "CCC(C)Nc1ccc(-c2ccc(NC(C)CC)cc2)cc1"),
    ("benzamidohexanoic-noisy", "noisy", "O=C(O)CCCCCNC(=O)c1ccccc1"),
    ("acetamidobenzhydrol-noisy", "noisy", "CC(=O)Nc1ccc(C(O)c2ccc(NC(C)=O)cc2)cc1"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "../../tests/Sieve.Ocsr.Tests/Data/lines")
    write_cases(out, CASES, STYLES, "line")


if __name__ == "__main__":
    main()
