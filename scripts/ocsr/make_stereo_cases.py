#!/usr/bin/python3
"""Drawn stereo cases for tests/Sieve.Ocsr.Tests (StereoDrawingTests): RDKit drawings, in the dev set's stereo
style, of molecules whose stereo drawings the reader once misread: hashed wedges so small their strokes are specks,
a solid wedge thin enough to pass for a plain line, a short one to a drawn H read as '-', double bonds of unknown
cis/trans drawn crossed, and bridged rings laid flat (camphor and its kin) whose bonds cross each other, a methyl
passing its C=O, a wide wedge.

  /usr/bin/python3 scripts/ocsr/make_stereo_cases.py [OUT_DIR=tests/Sieve.Ocsr.Tests/Data/stereo]

Writes OUT_DIR/<name>.png (16-colour) and OUT_DIR/truth.tsv (name, truth with stereo as RDKit reads the drawing's
molblock back, the way devset_features.py makes the stereo style's truth).
Needs python3-rdkit and python3-pil (./setup.sh --dev).
"""
import os
import sys

from rdkit import Chem
from rdkit.Chem import rdDepictor

from devset_features import SIZE
from make_devset import draw
from make_label_cases import write_truth

CASES = [
    ("butyrate-tiny-hash", "CCCCOC(=O)CCCCC(=O)O[C@H](C)C(=O)OCCCC"),
    ("glutaconate-crossed", "CC(C)C[C@@H](C)OC(=O)CC(=CC(=O)O[C@@H](C)CC(C)C)C(=O)O[C@@H](C)CC(C)C"),
    ("anil-crossed-to-label", "CCOC(=O)c1ccc(N=C[C@H]2CCCCC2=O)cc1"),
    ("camphorquinone-oxime", "CC1(C)[C@@H]2CC[C@@]1(C)C(=O)C2=NO"),
    ("hydroxystearate-thin-wedge", "CCCCCC[C@H](O)CCCCCCCCCCC(=O)OC"),
    ("pinane-ethanol-wedge-to-h", "CC1(C)[C@@H]2CC[C@@H](CCO)[C@@H]1C2"),
    ("camphorsulfonic-crossings", "CC1(C)[C@@H]2CC[C@@]1(CS(=O)(=O)O)C(=O)C2"),
    ("methoxybornane-crossings", "CO[C@@H]1C[C@@H]2CC[C@@]1(C)C2(C)C"),
    ("bornyl-thiocyanatoacetate", "CC1(C)[C@H]2CC[C@@]1(C)[C@@H](OC(=O)CSC#N)C2"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "../../tests/Sieve.Ocsr.Tests/Data/stereo")
    os.makedirs(out, exist_ok=True)
    rows = []
    for name, smiles in CASES:
        mol = Chem.MolFromSmiles(smiles)
        rdDepictor.Compute2DCoords(mol)
        # As the dev set: the drawing is of the molecule read back from its molblock (double bonds of unknown
        # cis/trans come back marked so, and are drawn crossed).
        back = Chem.MolFromMolBlock(Chem.MolToMolBlock(mol))
        draw(back, SIZE, bw=True).quantize(16).save(os.path.join(out, name + ".png"), optimize=True)
        rows.append((name, Chem.MolToSmiles(back)))
    write_truth(out, rows, "stereo")


if __name__ == "__main__":
    main()
