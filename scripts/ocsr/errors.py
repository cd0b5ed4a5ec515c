#!/usr/bin/python3
"""Error analysis for OCSR: which stage a wrong reading most likely failed in, per style.

  /usr/bin/python3 scripts/ocsr/errors.py TRUTH_TSV PREDICTIONS_TSV [--list]

PREDICTIONS_TSV is the same file scripts/ocsr/score.py reads (relative path, TAB, SMILES). Each miss is put in the
first class that explains it, comparing the reading with the truth by RDKit:
  unread      nothing came back (no lines, invalid valence ...)
  fragments   a different number of separate parts (a bond lost, a label left unattached)
  atoms       a different heavy-atom count (bonds merged or split, a label expanded wrongly, a corner lost)
  elements    same count, different elements (a glyph misread, a label atom placed on the wrong node)
  rings       same atoms, different ring count (a ring closure lost or an extra bond)
  orders      same atoms and rings, different bond orders (a double bond missed or invented)
  charges/H   same skeleton and orders, different charges or hydrogens
  other       anything else (wrong connectivity with the same counts, R-labels)
With --list every miss is printed with its class, truth and reading.
"""
import collections
import sys

from rdkit import Chem, RDLogger

from score import normalised, one

RDLogger.DisableLog("rdApp.*")


def mol(smiles):
    """The molecule as score.py compares it (R-labels as isotopes on `*`, no stereo), or None."""
    canonical = one(normalised(smiles))  # position variation: its first placement
    return Chem.MolFromSmiles(canonical) if canonical else None


def skeleton(m):
    """Canonical SMILES of the graph with every bond single, no charges, no H: connectivity and elements."""
    rw = Chem.RWMol(m)
    for b in rw.GetBonds():
        b.SetBondType(Chem.BondType.SINGLE)
        b.SetIsAromatic(False)
    for a in rw.GetAtoms():
        a.SetIsAromatic(False)
        a.SetFormalCharge(0)
        a.SetNoImplicit(True)
        a.SetNumExplicitHs(0)
    return Chem.MolToSmiles(rw.GetMol())


def kekule_orders(m):
    k = Chem.RWMol(m)
    try:
        Chem.Kekulize(k, clearAromaticFlags=True)
    except Exception:
        pass
    return sorted(b.GetBondTypeAsDouble() for b in k.GetBonds())


def classify(truth, got):
    if normalised(truth) == normalised(got):
        return None
    t, g = mol(truth), mol(got)
    if g is None:
        return "unread"
    if len(Chem.GetMolFrags(t)) != len(Chem.GetMolFrags(g)):
        return "fragments"
    if t.GetNumAtoms() != g.GetNumAtoms():
        return "atoms"
    elements = lambda m: sorted((a.GetSymbol(), a.GetIsotope()) for a in m.GetAtoms())
    if elements(t) != elements(g):
        return "elements"
    if t.GetRingInfo().NumRings() != g.GetRingInfo().NumRings() or t.GetNumBonds() != g.GetNumBonds():
        return "rings"
    if skeleton(t) != skeleton(g):
        return "other"
    if kekule_orders(t) != kekule_orders(g):
        return "orders"
    return "charges/H"


def main():
    truth_path, pred_path = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv
    preds = {}
    with open(pred_path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            preds[parts[0]] = parts[1] if len(parts) > 1 else ""
    counts = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    with open(truth_path) as f:
        next(f)
        for line in f:
            style, path, smi = line.rstrip("\n").split("\t")
            totals[style] += 1
            cls = classify(smi, preds.get(path, ""))
            if cls is None:
                counts[style]["exact"] += 1
                continue
            counts[style][cls] += 1
            if listing:
                print(f"{cls:10} {path}\n    want {smi}\n    got  {preds.get(path, '')}")
    classes = ["exact", "unread", "fragments", "atoms", "elements", "rings", "orders", "charges/H", "other"]
    print("| style | n | " + " | ".join(classes) + " |")
    print("|" + "---|" * (len(classes) + 2))
    for style, n in totals.items():
        print(f"| {style} | {n} | " + " | ".join(str(counts[style][c]) for c in classes) + " |")
    print("| all | " + str(sum(totals.values())) + " | "
          + " | ".join(str(sum(counts[s][c] for s in totals)) for c in classes) + " |")


if __name__ == "__main__":
    main()
