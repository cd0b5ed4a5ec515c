#!/usr/bin/python3
"""Draws the sample formulas that packages give only as images (run as /usr/bin/python3; needs ./setup.sh --dev).

  /usr/bin/python3 samples/patents/_tools/draw_formulas.py

For every row of _tools/drawn.tsv (package, formula, source, truth) writes <package>/formulas/<formula>.png with the
OCSR development set's own drawing (scripts/ocsr/make_devset.py: RDKit, 500x400, black and white, as its Markush
style; saved as a 16-colour PNG as its checked-in subset) and rewrites the truth column: RDKit's CXSMILES of the
drawn structure, `*` atoms carrying their R-labels ($R1$), which the tests compare with what Sieve's OCSR reads.
The source is SMILES with each variable site written {LABEL}, as in build.py's .src files. The package keeps no
text formula, so Sieve must read the drawing.
"""
import os
import re
import sys

from rdkit import Chem
from rdkit.Chem import rdDepictor

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "..", "scripts", "ocsr"))
from make_devset import draw, markush_truth  # noqa: E402  (the devset's drawing, so samples look like its images)


def labelled(source):
    """The molecule of a {LABEL} source: each {LABEL} a `*` carrying the label as RDKit's atomLabel/dummyLabel."""
    labels = re.findall(r"\{([^}]+)\}", source)
    smiles = source
    for i, label in enumerate(labels):
        smiles = smiles.replace("{" + label + "}", "[*:%d]" % (900 + i), 1)
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        raise ValueError("source does not parse: " + source)
    for a in mol.GetAtoms():
        if a.GetAtomMapNum() >= 900:
            label = labels[a.GetAtomMapNum() - 900]
            a.SetAtomMapNum(0)
            a.SetProp("atomLabel", label)
            a.SetProp("dummyLabel", label)
    return mol


def main():
    table = os.path.join(root, "_tools", "drawn.tsv")
    lines = open(table).read().splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        if not line.strip():
            continue
        package, formula, source = line.split("\t")[:3]
        mol = labelled(source)
        truth = markush_truth(mol)  # before the layout, so the CXSMILES carries no coordinates
        rdDepictor.Compute2DCoords(mol)
        path = os.path.join(root, package, "formulas", formula + ".png")
        draw(mol, (500, 400), bw=True).quantize(16).save(path, optimize=True)
        out.append("\t".join((package, formula, source, truth)))
        print(path)
    open(table, "w").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
