#!/usr/bin/python3
"""Scores OCSR predictions against the development set's truth.

  /usr/bin/python3 scripts/ocsr/score.py TRUTH_TSV NAME=PREDICTIONS_TSV [NAME=PREDICTIONS_TSV ...]

A predictions file has one line per image: relative path, TAB, (CX)SMILES (empty where nothing was read), TAB,
seconds the tool took on that image.
Exact match: canonical SMILES equal after stereo is removed (kept for the styles in STEREO_STYLES, whose
drawings carry it); a `*` counts with its R-label (R1 is not R2, and an unlabelled `*` matches no label); a
position-variation bond (CXSMILES `m:`) counts by the set of molecules it allows; a repeat unit (`Sg:n`) by its
atoms. Tanimoto: Morgan radius 2, 2048 bits; an unread image scores 0.
Prints one table row per style: exact-match rate, mean Tanimoto and mean seconds per image of each tool.
"""
import collections
import re
import sys

from rdkit import Chem, DataStructs, RDLogger
from rdkit.Chem import AllChem

RDLogger.DisableLog("rdApp.*")
STEREO_STYLES = {"stereo", "wavy"}


def normalised(smiles, stereo=False):
    """Canonical SMILES with R-labels as isotopes on `*` (R1 -> [1*]), position variation as the sorted set of
    molecules it allows, a repeat unit as its atoms marked; or None."""
    if not smiles:
        return None
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return None
    block = smiles.split("|")[1] if smiles.count("|") >= 2 else ""
    variations = re.findall(r"(?:^|,)m:(\d+):([\d.]+)", block)
    if variations:
        sets = ("/".join(sorted({plain(placed(mol, int(star), int(c)), stereo) for c in cands.split(".")}))
                for star, cands in variations)
        return "pv:" + "|".join(sorted(sets))
    for unit in re.findall(r"(?:^|,)Sg:n:([\d,]+):", block):
        for i in unit.split(","):
            mol.GetAtomWithIdx(int(i)).SetIntProp("molAtomMapNumber", 99)
    return plain(mol, stereo)


def placed(mol, star, candidate):
    """The molecule with the position-variation atom `star` bonded to `candidate` instead of where it is."""
    rw = Chem.RWMol(mol)
    for n in [a.GetIdx() for a in rw.GetAtomWithIdx(star).GetNeighbors()]:
        rw.RemoveBond(star, n)
        rw.GetAtomWithIdx(n).SetNumExplicitHs(0)
    rw.AddBond(star, candidate, Chem.BondType.SINGLE)
    m = rw.GetMol()
    Chem.SanitizeMol(m)
    return m


def plain(mol, stereo):
    """Canonical SMILES with R-labels as isotopes on `*`."""
    for a in mol.GetAtoms():
        if a.GetAtomicNum() == 0:
            label = a.GetPropsAsDict().get("atomLabel", a.GetPropsAsDict().get("dummyLabel", ""))
            m = re.fullmatch(r"_?R(\d+)", str(label))
            a.SetIsotope(int(m.group(1)) if m else 0)
            for p in ("atomLabel", "dummyLabel", "molFileAlias"):
                if a.HasProp(p):
                    a.ClearProp(p)
    if not stereo:
        Chem.RemoveStereochemistry(mol)
    return Chem.MolToSmiles(mol)


def one(normal):
    """A position-variation set's first molecule (the fingerprint of one placement), else the SMILES itself."""
    return normal[3:].split("/")[0] if normal and normal.startswith("pv:") else normal


def fingerprint(smiles):
    mol = Chem.MolFromSmiles(smiles) if smiles else None
    return AllChem.GetMorganFingerprintAsBitVect(mol, 2, 2048) if mol is not None else None


def read_predictions(path):
    preds, seconds = {}, {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            preds[parts[0]] = parts[1] if len(parts) > 1 else ""
            seconds[parts[0]] = float(parts[2]) if len(parts) > 2 and parts[2] else 0.0
    return preds, seconds


def main():
    truth_path, runs = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
    truth = []
    with open(truth_path) as f:
        next(f)
        for line in f:
            style, path, smi = line.rstrip("\n").split("\t")
            truth.append((style, path, smi))
    styles = list(dict.fromkeys(s for s, _, _ in truth))
    header = ["style", "n"] + [f"{name} {col}" for name, _ in runs for col in ("exact", "tanimoto", "s/img")]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    totals = collections.defaultdict(lambda: [0, 0.0])
    for style in styles:
        rows = [(p, s) for st, p, s in truth if st == style]
        cells = [style, str(len(rows))]
        for name, pred_path in runs:
            preds, seconds = read_predictions(pred_path)
            exact, tani = 0, 0.0
            for path, smi in rows:
                want, got = normalised(smi, style in STEREO_STYLES), normalised(preds.get(path, ""), style in STEREO_STYLES)
                exact += want is not None and want == got
                fw, fg = fingerprint(one(want)), fingerprint(one(got))
                tani += DataStructs.TanimotoSimilarity(fw, fg) if fw is not None and fg is not None else 0.0
            per_image = f"{sum(seconds.get(p, 0.0) for p, _ in rows) / len(rows):.3f}"
            cells += [f"{100 * exact / len(rows):.0f}%", f"{tani / len(rows):.2f}", per_image]
            totals[name][0] += exact
            totals[name][1] += tani
        print("| " + " | ".join(cells) + " |")
    n = len(truth)
    print("| all | " + str(n) + " | " + " | ".join(
        f"{100 * totals[name][0] / n:.0f}% | {totals[name][1] / n:.2f} | " for name, _ in runs) + " |")


if __name__ == "__main__":
    main()
