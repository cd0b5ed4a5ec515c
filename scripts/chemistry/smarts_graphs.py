#!/usr/bin/python3
"""Dump RDKit's perceived molecular graphs for the golden molecules, so the substructure matcher can be
checked against RDKit's match counts independently of our SMILES reader and perception.

Output: tests/Sieve.Chemistry.Tests/Substructure/TestData/rdkit_graphs.tsv (deterministic), one row per
molecule of Data/molecules.tsv:
  id  atoms  bonds  rings
atoms: ';'-separated  Z,aromatic(0/1),charge,isotope,explicitHs,implicitHs,radicalElectrons
bonds: ';'-separated  begin,end,type  (type 1,2,3,4 or 12 = aromatic, 0 = other)
rings: ';'-separated atom rings (RDKit's ring info, in ring order), atoms joined by ','.
Run from the repository root: /usr/bin/python3 scripts/chemistry/smarts_graphs.py
"""
import rdkit
from rdkit import Chem

assert rdkit.__version__ == "2022.09.3", rdkit.__version__
BT = {Chem.BondType.SINGLE: 1, Chem.BondType.DOUBLE: 2, Chem.BondType.TRIPLE: 3,
      Chem.BondType.QUADRUPLE: 4, Chem.BondType.AROMATIC: 12}
src = "tests/Sieve.Chemistry.Tests/Data/molecules.tsv"
out = "tests/Sieve.Chemistry.Tests/Substructure/TestData/rdkit_graphs.tsv"
with open(src) as f, open(out, "w") as w:
    w.write("id\tatoms\tbonds\trings\n")
    next(f)
    for line in f:
        cols = line.rstrip("\n").split("\t")
        m = Chem.MolFromSmiles(cols[2])
        atoms = ";".join(f"{a.GetAtomicNum()},{int(a.GetIsAromatic())},{a.GetFormalCharge()},{a.GetIsotope()},"
                         f"{a.GetNumExplicitHs()},{a.GetNumImplicitHs()},{a.GetNumRadicalElectrons()}" for a in m.GetAtoms())
        bonds = ";".join(f"{b.GetBeginAtomIdx()},{b.GetEndAtomIdx()},{BT.get(b.GetBondType(), 0)}" for b in m.GetBonds())
        ri = m.GetRingInfo()
        rings = ";".join(",".join(map(str, r)) for r in ri.AtomRings())
        w.write(f"{cols[0]}\t{atoms}\t{bonds}\t{rings}\n")
