#!/usr/bin/python3
"""Writes tests/Sieve.Chemistry.Tests/Data/repeat_expansion.tsv: for CXSMILES with one structural repeat unit
(Sg:n), RDKit 2022.09.3's canonical SMILES of the molecule with the unit written out k times (k = 0..3).

The expansion is done here on RDKit's own reading of the group's atoms: the bonds crossing its brackets (the
first in bond order is where the chain is entered), copies chained head to tail through them, k = 0 bonding
the two outside neighbours. An independent transcription of what
Sieve.Chemistry's RepeatExpansion does, so the test compares two implementations, not one with itself.

Run from the repository root:  /usr/bin/python3 scripts/chemistry/make_repeat_golden.py
Deterministic (input order only).
"""
import os
import sys

from rdkit import Chem, RDLogger, rdBase

sys.dont_write_bytecode = True
EXPECTED_RDKIT = "2022.09.3"
OUT = os.path.join("tests", "Sieve.Chemistry.Tests", "Data", "repeat_expansion.tsv")

CASES = [
    "OC(=O)CC(=O)O |Sg:n:3:n:ht:::|",                 # -[CH2]n- between two acids
    "COCCOC |Sg:n:2,3,4:n:ht:::|",                     # -[CH2CH2O]n-: a glycol ether
    "OCCOCCO |Sg:n:3,4,5:n:ht:::|",                    # the same unit drawn the other way round
    "c1ccccc1CCN |Sg:n:6:n:::::|",                     # no connection field: head-to-tail
    "NC(=O)c1ccc(cc1)OCC(C)O |Sg:n:9,10,11,12:n:ht:::|",  # branched unit (the methyl rides along)
    "CCN(CC)C(=O)CF |Sg:n:1:n:ht:::|",                 # unit at an N-ethyl: CH2 between CH3 and N
    "O=C(O)CC=CC |Sg:n:4,5:n:ht:::|",                  # vinylogous unit with a double bond inside
    "c1ccccc1Oc1ccccc1 |Sg:n:6:n:ht:::|",              # an ether O repeated: O-O peroxides as RDKit reads them
]


def expand(mol, k):
    sg = Chem.GetMolSubstanceGroups(mol)[0]
    unit = list(sg.GetAtoms())
    inside = set(unit)
    # Crossing bonds from the graph: RDKit's own list (sg.GetBonds()) is left empty or partial for some
    # connection fields.
    crossing = [b.GetIdx() for b in mol.GetBonds() if (b.GetBeginAtomIdx() in inside) != (b.GetEndAtomIdx() in inside)]
    if len(crossing) != 2:
        raise ValueError("expected two crossing bonds")
    head = mol.GetBondWithIdx(crossing[0])
    tail = mol.GetBondWithIdx(crossing[1])

    def ends(bond):
        a, b = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
        return (b, a) if a in inside else (a, b)  # (outside, inside)

    left, h = ends(head)
    right, t = ends(tail)
    rw = Chem.RWMol(mol)
    Chem.ClearMolSubstanceGroups(rw)
    if k == 0:
        rw.AddBond(left, right, head.GetBondType())
        for a in sorted(unit, reverse=True):
            rw.RemoveAtom(a)
        return rw.GetMol()
    prev_t = t
    for _ in range(k - 1):
        copy = {a: rw.AddAtom(Chem.Atom(mol.GetAtomWithIdx(a))) for a in unit}
        for bond in mol.GetBonds():
            a, b = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
            if a in inside and b in inside:
                rw.AddBond(copy[a], copy[b], bond.GetBondType())
        rw.AddBond(prev_t, copy[h], tail.GetBondType())
        prev_t = copy[t]
    if prev_t != t:
        rw.RemoveBond(t, right)
        rw.AddBond(prev_t, right, tail.GetBondType())
    return rw.GetMol()


def main():
    if rdBase.rdkitVersion != EXPECTED_RDKIT:
        sys.exit(f"RDKit {EXPECTED_RDKIT} expected, found {rdBase.rdkitVersion}")
    RDLogger.DisableLog("rdApp.*")  # the empty connection field is reported as 'EU' (read as head-to-tail here)
    rows = ["cxsmiles\tk\tcanonical"]
    for cx in CASES:
        mol = Chem.MolFromSmiles(cx)
        for k in range(4):
            m = expand(mol, k)
            Chem.SanitizeMol(m)
            rows.append(f"{cx}\t{k}\t{Chem.MolToSmiles(m)}")
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
