#!/usr/bin/python3
"""Writes the molfile/SDF golden data (tests/Sieve.Chemistry.Tests/Data/molfile/) with RDKit 2022.09.3.

Run from the repository root:  /usr/bin/python3 scripts/chemistry/make_molfile_golden.py
- pubchem_sample.sdf: first 60 records of Projects/DbCLI/testData/pubchem.200.sdf (2D, PubChem data items)
- egfr_sample.sdf:    first 40 records of Contrib/PBF/testData/egfr.sdf (3D, explicit hydrogens)
- features/*.mol:     small hand-written molfiles, one feature each (charges, valence field, radicals, ...)
- expected.tsv:       per record / file what RDKit reads: file, index, name, ok, formula, mw(%.4f), heavy,
                      canonical (isomeric), flat (non-isomeric canonical), morgan2 on bits, SD data items count.
Deterministic (no timestamps)."""
import os
import sys

from rdkit import Chem, RDLogger, rdBase
from rdkit.Chem import AllChem, Descriptors, rdMolDescriptors

assert rdBase.rdkitVersion == "2022.09.3", rdBase.rdkitVersion
RDLogger.DisableLog("rdApp.*")
OUT = os.path.join("tests", "Sieve.Chemistry.Tests", "Data", "molfile")
os.makedirs(os.path.join(OUT, "features"), exist_ok=True)


def head_records(path, n):
    text = open(path, encoding="latin-1").read()
    recs = text.split("$$$$\n")
    return "$$$$\n".join(recs[:n]) + "$$$$\n"


def atom(sym, chg=0, val=0, mdiff=0):
    return "    0.0000    0.0000    0.0000 %-3s%2d%3d  0  0  0%3d  0  0  0  0  0  0\n" % (sym, mdiff, chg, val)


def mol(atoms, bonds, props=""):
    s = "feature\n     RDKit          2D\n\n%3d%3d  0  0  0  0  0  0  0  0999 V2000\n" % (len(atoms), len(bonds))
    s += "".join(atoms)
    s += "".join("%3d%3d%3d%3d\n" % (b + (0,) if len(b) == 3 else b) for b in bonds)
    return s + props + "M  END\n"


FEATURES = {
    # atom-block charge codes (3 = +1, 5 = -1)
    "charge_block": mol([atom("N", 3), atom("C"), atom("O", 5)], [(1, 2, 1), (2, 3, 1)]),
    # the first M  CHG line supersedes every atom-block charge
    "charge_chg_resets": mol([atom("N", 3), atom("O", 5)], [(1, 2, 1)], "M  CHG  1   1   1\n"),
    "isotope_iso": mol([atom("C"), atom("C"), atom("O")], [(1, 2, 1), (2, 3, 1)], "M  ISO  2   1  13   3  18\n"),
    "isotope_massdiff": mol([atom("C", mdiff=1), atom("Br", mdiff=1)], [(1, 2, 1)]),
    "deuterium_symbol": mol([atom("C"), atom("D"), atom("T")], [(1, 2, 1), (1, 3, 1)]),
    "radical_doublet": mol([atom("C"), atom("C")], [(1, 2, 1)], "M  RAD  1   1   2\n"),
    "valence_field": mol([atom("C", val=3), atom("C")], [(1, 2, 1)]),
    "valence_zero": mol([atom("Na", val=15)], []),
    "metal_no_h": mol([atom("Na")], []),
    "explicit_h_removed": mol([atom("C"), atom("O"), atom("H"), atom("H")], [(1, 2, 1), (2, 3, 1), (2, 4, 1)]),
    "ammonium_explicit_h": mol([atom("N"), atom("H"), atom("H"), atom("H"), atom("H")],
                               [(1, 2, 1), (1, 3, 1), (1, 4, 1), (1, 5, 1)], "M  CHG  1   1   1\n"),
    "aromatic_bonds": mol([atom("C")] * 5 + [atom("N")], [(1, 2, 4), (2, 3, 4), (3, 4, 4), (4, 5, 4), (5, 6, 4), (6, 1, 4)]),
    "pyrrole_aromatic_with_h": mol([atom("C")] * 4 + [atom("N"), atom("H")],
                                   [(1, 2, 4), (2, 3, 4), (3, 4, 4), (4, 5, 4), (5, 1, 4), (5, 6, 1)]),
    "any_bond": mol([atom("C"), atom("O")], [(1, 2, 8)]),
    "rgroup_rgp": mol([atom("C"), atom("R#"), atom("R#")], [(1, 2, 1), (1, 3, 1)], "M  RGP  2   2   1   3   2\n"),
    "alias": mol([atom("C"), atom("C")], [(1, 2, 1)], "A    2\nEt\n"),
    "wedge_stereo": "feature\n     RDKit          2D\n\n  4  3  0  0  0  0  0  0  0  0999 V2000\n"
                    "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
                    "    1.2990    0.7500    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
                    "    2.5981   -0.0000    0.0000 N   0  0  0  0  0  0  0  0  0  0  0  0\n"
                    "    1.2990    2.2500    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0\n"
                    "  2  1  1  1\n  2  3  1  0\n  2  4  1  0\nM  END\n",
    "salt_v3000": Chem.MolToV3KMolBlock(Chem.MolFromSmiles("[NH4+].[O-]C(=O)c1ccccc1[13CH3]")).replace("\n     RDKit          2D", "\n     RDKit          2D", 1),
}

rows = []


def record(fname, index, text, props=0):
    m = Chem.MolFromMolBlock(text)
    name = text.split("\n", 1)[0].strip()
    if m is None:
        rows.append([fname, str(index), name, "0"] + [""] * 7)
        return
    fp = AllChem.GetMorganFingerprintAsBitVect(m, 2, nBits=2048)
    rows.append([fname, str(index), name, "1", rdMolDescriptors.CalcMolFormula(m), "%.4f" % Descriptors.MolWt(m),
                 str(m.GetNumHeavyAtoms()), Chem.MolToSmiles(m), Chem.MolToSmiles(m, isomericSmiles=False),
                 ",".join(map(str, fp.GetOnBits())), str(props)])


for fname, src, n in (("pubchem_sample.sdf", "/usr/share/RDKit/Projects/DbCLI/testData/pubchem.200.sdf", 60),
                      ("egfr_sample.sdf", "/usr/share/RDKit/Contrib/PBF/testData/egfr.sdf", 40)):
    text = head_records(src, n)
    with open(os.path.join(OUT, fname), "w", encoding="latin-1", newline="\n") as f:
        f.write(text)
    # data items as RDKit's SD supplier sees them (unsanitized, so every record has its count)
    supplier = Chem.SDMolSupplier(os.path.join(OUT, fname), sanitize=False, removeHs=False)
    for i, block in enumerate(text.split("$$$$\n")[:n]):
        record(fname, i, block, len(supplier[i].GetPropNames()))

for key in sorted(FEATURES):
    path = os.path.join("features", key + ".mol")
    with open(os.path.join(OUT, path), "w", newline="\n") as f:
        f.write(FEATURES[key])
    record(path, 0, FEATURES[key])

with open(os.path.join(OUT, "expected.tsv"), "w", newline="\n") as f:
    f.write("\t".join(["file", "index", "name", "ok", "formula", "mw", "heavy", "canonical", "flat", "morgan2", "props"]) + "\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(len(rows), "rows")
