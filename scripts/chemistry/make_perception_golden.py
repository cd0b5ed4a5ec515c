#!/usr/bin/python3
"""Writes tests/Sieve.Chemistry.Tests/Data/perception.tsv: what RDKit 2022.09.3's MolFromSmiles perceives
for hand-picked hard cases (cages, fused and bridged rings, charged and dummy aromatics, radicals,
annulenes) and for every molecule of molecules.tsv: per-atom aromatic flag, total H, NumAtomRings,
ring sizes the atom is in (IsAtomInRingOfSize 3..40), radical electrons; or ERR when RDKit rejects it.

Run from the repository root:  /usr/bin/python3 scripts/chemistry/make_perception_golden.py
Deterministic (input order only).
"""
import os
import sys

from rdkit import Chem, RDLogger, rdBase

sys.dont_write_bytecode = True
EXPECTED_RDKIT = "2022.09.3"
DATA = os.path.join("tests", "Sieve.Chemistry.Tests", "Data")

HARD = """
C12C3C4C1C5C2C3C45 C1CC2CCC1CC2 C1C2CC3CC1CC(C2)C3 C1CC2CCC1C2 C1CC2(C1)CC2 C1CC23CCC4(CC2)CCC3CC4
C1C2CC3C1C3C2 C12C3C1C23 C1C2C3C1C23 C1(C2)(C3)C4CC23CC4 N1C2CC3C1C3C2 C1CCC2(CC1)CCCCC2
C12=C3C4=C5C6=C1C7=C8C9=C1C%10=C%11C(=C29)C3=C2C3=C4C4=C5C5=C9C6=C7C6=C7C8=C1C1=C8C%10=C%10C%11=C2C2=C3C3=C4C4=C9C5=C5C6=C6C7=C1C1=C8C%10=C7C2=C3C2=C4C5=C(C6=1)C72
c1cc2cc3ccc(cc4ccc(cc5ccc(cc1n2)[nH]5)n4)[nH]3
c1ccc2cccc2cc1 C1=CC2=CC=CC2=C1 c1cc2ccc3cccc4ccc(c1)c2c34 C1=CC2=C3C1=CC=C3C=C2 C12=CC=CC1=CC=C2
c1cc2ccc3ccc4ccc5ccc6ccc1c1c2c3c4c5c61 c1cc2cccc3cccc(c1)c23 c1ccc-2c(c1)-c1ccccc-21
[cH+]1cccccc1 c1cc[cH-]c1 [CH-]1C=CC=C1 [CH+]1C=C1 c1c[cH+]1 C1=CC=C[C+]1 c1ccc[c-]1
O=c1cc[nH]cc1 O=c1ccocc1 O=C1C=CC(=O)C=C1 O=C1NC=CC2=C1C=CC=C2 Cn1cnc2c1c(=O)n(C)c(=O)n2C
C1=CC=CC=CC=C1 C1=CC=CC=CC=CC=CC=CC=CC=C1 C1=C=CC=C1
*c1ccccc1 c1cc*cc1 c1ccc2c(c1)**2 c1ccc2c(c1)*c*2
B1C=CC=C1 c1ccb[nH]1 C1=CB=CC=C1 c1cc[se]c1 c1cc[te]c1 c1ccsc1 O=s1cccc1 C1=CS(=O)C=C1
[o+]1ccccc1 c1cc[s+]cc1 [n+]1ccccc1 c1cc[n-]c1 O=n1ccccc1 O=[N+]([O-])c1ccccc1
n1cccc1 c1ccccc1c c1cccc1 CN(=O)=O N=N#N O=Cl(=O)(=O)[O-] C=P(=O)(C)C [CH3] [CH2] [c]1ccccc1
[H]C([H])([H])[H] [H][C@@](F)(Cl)Br [2H]c1ccccc1 C(C.C)C
""".split()


def row(smiles):
    m = Chem.MolFromSmiles(smiles)
    if m is None:
        return [smiles, "ERR"]
    ri = m.GetRingInfo()
    n = m.GetNumAtoms()
    return [
        smiles,
        "".join("1" if a.GetIsAromatic() else "0" for a in m.GetAtoms()),
        ",".join(str(a.GetTotalNumHs()) for a in m.GetAtoms()),
        ",".join(str(ri.NumAtomRings(i)) for i in range(n)),
        ",".join("/".join(str(k) for k in range(3, 41) if ri.IsAtomInRingOfSize(i, k)) for i in range(n)),
        ",".join(str(a.GetNumRadicalElectrons()) for a in m.GetAtoms()),
    ]


def main():
    if rdBase.rdkitVersion != EXPECTED_RDKIT:
        sys.exit(f"needs RDKit {EXPECTED_RDKIT}, found {rdBase.rdkitVersion}")
    RDLogger.DisableLog("rdApp.*")
    smiles = list(HARD)
    with open(os.path.join(DATA, "molecules.tsv"), encoding="utf-8") as f:
        next(f)
        smiles += [line.split("\t")[2] for line in f if line.strip()]
    with open(os.path.join(DATA, "perception.tsv"), "w", encoding="utf-8", newline="\n") as out:
        out.write("smiles\taromatic\thcount\tnumAtomRings\tringSizes\tradicals\n")
        for s in smiles:
            out.write("\t".join(row(s)) + "\n")


if __name__ == "__main__":
    main()
