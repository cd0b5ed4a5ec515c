#!/usr/bin/python3
"""Drawn label cases for tests/Sieve.Ocsr.Tests (LabelDrawingTests): RDKit drawings, in the dev set's styles, of
labels the reader once misread: nitro groups whose N⁺'s '+' touches an N–O bond, or whose O⁻'s '−' merges into
it, whose N=O lines are short enough to pass for glyphs, or whose N touches all three bonds and leaves its '+' alone;
yellow S labels on colour JPEGs (quality 40), which JPEG's half-resolution colour washes out, and whose bonds
to other labels break in two at the colour change; and on 1-bit fax TIFFs an N read as H, a labelled carbon (N=C=S)
and a staircase bond that passed for a minus sign;
hashed wedges whose last stroke, beside the label, was read into it (-NH2); and isotopes drawn as raised mass
numbers (13C, 18O, 2H, 15N).

  /usr/bin/python3 scripts/ocsr/make_label_cases.py [OUT_DIR=tests/Sieve.Ocsr.Tests/Data/labels]

Writes OUT_DIR/<name>.png (16-colour) or <name>.jpg (jpeg style) or <name>.tif (tiff style) and OUT_DIR/truth.tsv (name, truth as RDKit's canonical SMILES).
Needs python3-rdkit, rdkit-data and python3-pil (./setup.sh --dev).
"""
import os
import sys

from rdkit import Chem
from rdkit.Chem import rdDepictor

from devset_features import SIZE as STEREO_SIZE
from make_devset import draw, fax_tiff

STYLES = {
    "s400": lambda m: draw(m, (400, 300)),
    "bold": lambda m: draw(m, (500, 400), bold=True, bw=True),
    "jpeg": lambda m: draw(m, (500, 400)),
    "tiff": lambda m: draw(m, (600, 450), bw=True),
    "stereo": lambda m: draw(m, STEREO_SIZE, bw=True),
}
CASES = [
    ("nitrooctane-s400", "s400", "CCCCCCCC[N+](=O)[O-]"),
    ("chloronitrobenzene-bold", "bold", "O=[N+]([O-])c1cccc(Cl)c1"),
    ("nitrotoluene-s400", "s400", "Cc1ccc([N+](=O)[O-])cc1"),
    ("dinitrophenol-bold", "bold", "O=[N+]([O-])c1ccc(O)c([N+](=O)[O-])c1"),
    ("nitroaniline-s400", "s400", "Nc1ccc([N+](=O)[O-])cc1C(F)(F)F"),
    ("tosylanilide-jpeg", "jpeg", "Cc1ccc(S(=O)(=O)Nc2ccccc2)cc1"),
    ("isopropylsulfonamide-jpeg", "jpeg", "CC(C)NS(=O)(=O)c1ccccc1"),
    # Read right before; a rule for half-bonds once took the l of its Cl for one.
    ("dichlorosulfonamide-jpeg", "jpeg", "Cc1ccc(S(=O)(=O)N(Cl)Cl)cc1"),
    ("diethylaminophenyl-disulfide-tiff", "tiff", "CCN(CC)c1ccc(SSc2ccc(N(CC)CC)cc2)cc1"),
    ("isothiocyanatophosphate-tiff", "tiff", "O=P(N=C=S)(Oc1ccccc1)Oc1ccccc1"),
    ("dihydrophenanthrenamine-tiff", "tiff", "Nc1ccc2c(c1)CCc1ccccc1-2"),
    ("thienylalanine-stereo", "stereo", "N[C@@H](Cc1ccsc1)C(=O)O"),
    ("methyl-13c-benzoic-acid-s400", "s400", "[13CH3]c1ccccc1C(=O)O"),
    ("hydroxy-18o-benzoic-acid-s400", "s400", "OC(=O)c1ccc([18OH])cc1"),
    ("anisole-d3-s400", "s400", "[2H]C([2H])([2H])Oc1ccccc1"),
    ("aniline-15n-s400", "s400", "[15NH2]c1ccccc1"),
]

# Styles saved as JPEG or as a 1-bit fax TIFF rather than as a 16-colour PNG (the artefacts are the point).
JPEG_QUALITY = {"jpeg": 40}
FAX_TIFF = {"tiff"}


def write_cases(out, cases, styles, kind):
    """Draws each (name, style, SMILES) case into OUT/<name>.png (16 colours) and writes OUT/truth.tsv."""
    os.makedirs(out, exist_ok=True)
    rows = []
    for name, style, smiles in cases:
        mol = Chem.MolFromSmiles(smiles)
        rdDepictor.Compute2DCoords(mol)
        image = styles[style](mol)
        if style in JPEG_QUALITY:
            image.save(os.path.join(out, name + ".jpg"), "JPEG", quality=JPEG_QUALITY[style])
        elif style in FAX_TIFF:
            fax_tiff(image, os.path.join(out, name + ".tif"))
        else:
            image.quantize(16).save(os.path.join(out, name + ".png"), optimize=True)
        rows.append((name, Chem.MolToSmiles(mol)))
    write_truth(out, rows, kind)


def write_truth(out, rows, kind):
    """OUT/truth.tsv: a row of name and truth SMILES per drawn case."""
    with open(os.path.join(out, "truth.tsv"), "w") as f:
        f.write("name\tsmiles\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} {kind} cases -> {out}")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "../../tests/Sieve.Ocsr.Tests/Data/labels")
    write_cases(out, CASES, STYLES, "label")


if __name__ == "__main__":
    main()
