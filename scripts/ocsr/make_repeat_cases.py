#!/usr/bin/python3
"""Drawn repeat-bracket cases for tests/Sieve.Ocsr.Tests (RepeatBracketTests), in the dev set's sru style: short
chains whose bracket-cut bond halves outnumber the whole bonds (the bond length came out as half a bond, and the
brackets read as methyls), brackets beside an atom label (the label was taken for the subscript n), a bracket on
a chain's last bond, a half-bond the tracer cut into pixel runs, and a bracket so close to an atom label that the
bond half between them joined the label. One
cross-drawn tBu without brackets checks that a four-way atom is not taken for a bracket crossing.

  /usr/bin/python3 scripts/ocsr/make_repeat_cases.py [OUT_DIR=tests/Sieve.Ocsr.Tests/Data/repeats]

Writes OUT_DIR/<name>.png (16-colour) and OUT_DIR/truth.tsv (name, truth as RDKit's CXSMILES with Sg:n).
Needs python3-rdkit and python3-pil (./setup.sh --dev).
"""
import os
import random
import sys

from rdkit import Chem
from rdkit.Chem import rdDepictor

from devset_features import SIZE, repeat_unit
from make_devset import draw
from make_label_cases import write_truth

# name, SMILES, seed of the chain choice (which CH2–CH2 pair goes in brackets)
CASES = [
    ("heptanoic-acid", "CCCCCCC(=O)O", 1),
    ("methionine-sulfoxide", "CS(=O)CCC(N)C(=O)O", 1),
    ("chloroethyl-phenyl-ether", "ClCCOc1ccccc1", 1),
    ("butyl-carbamate", "CCCCNC(=O)OCC", 2),
    ("octanol", "CCCCC(O)CCC", 3),
    # a bracket on the last bond: its hook lies beside the free half-bond like a double bond's second line
    ("cyanoethyl-nonyl-ether", "CCCCCCCCCOCCC#N", 2),
    # a half-bond between two junctions that no walk from a node covered (traced a pixel run at a time)
    ("bromobutyl-phthalimide", "O=C1c2ccccc2C(=O)N1CCCCBr", 5),
    # a bracket right by an N label: the bond half between them was read as the label's '-'
    ("ethylene-bisphthalimide", "O=C1c2ccccc2C(=O)N1CCN1C(=O)c2ccccc2C1=O", 1),
]
# drawn without brackets
PLAIN = [
    ("dimethylhexanoic-acid", "CC(C)(C)CCCC(=O)O"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "../../tests/Sieve.Ocsr.Tests/Data/repeats")
    os.makedirs(out, exist_ok=True)
    rows = []
    for name, smiles, seed in CASES:
        mol = Chem.MolFromSmiles(smiles)
        rdDepictor.Compute2DCoords(mol)
        drawing, truth = repeat_unit(mol, random.Random(seed))
        draw(drawing, SIZE, bw=True).quantize(16).save(os.path.join(out, name + ".png"), optimize=True)
        rows.append((name, truth))
    for name, smiles in PLAIN:
        mol = Chem.MolFromSmiles(smiles)
        rdDepictor.Compute2DCoords(mol)
        draw(mol, SIZE, bw=True).quantize(16).save(os.path.join(out, name + ".png"), optimize=True)
        rows.append((name, Chem.MolToSmiles(mol)))
    write_truth(out, rows, "repeat")


if __name__ == "__main__":
    main()
