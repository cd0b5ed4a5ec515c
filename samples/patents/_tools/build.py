#!/usr/bin/python3
"""Builds and validates the sample patent packages with RDKit (run as /usr/bin/python3).

For every package folder:
  formulas/<name>.src  ->  formulas/<name>.cxsmi
      The .src file is SMILES where a labelled variable site is written {LABEL} (e.g. {X}, {Ar}, {(CH2)n});
      [*:n] atom maps stay as they are (R<n>). The output replaces {LABEL} with * and appends the CXSMILES
      atom-label block |$...$| so that RDKit and Sieve read the same atom order.
  molecules.tsv: every SMILES must parse in RDKit; column 1 is rewritten as RDKit canonical isomeric SMILES
      (so its aromaticity is RDKit's), the original kept in column 'input' if it differed.
Exit status 1 if anything does not parse.
"""
import os, re, sys
from rdkit import Chem

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ok = True
VERDICTS = {"covered", "not covered", "undetermined"}

def build_formula(path):
    src = open(path).read().strip()
    cx = ""
    if " |" in src:
        src, cx = src.split(" |", 1)
        cx = cx.rstrip("|")
    labels = re.findall(r"\{([^}]+)\}", src)
    tmp = src
    for i, lab in enumerate(labels):
        tmp = tmp.replace("{" + lab + "}", "[*:%d]" % (900 + i), 1)
    mol = Chem.MolFromSmiles(tmp)  # labels are found on the plain SMILES; the CX block is added back below
    if mol is None:
        raise ValueError("formula does not parse: " + path)
    names = [""] * mol.GetNumAtoms()
    for a in mol.GetAtoms():
        if a.GetAtomMapNum() >= 900:
            names[a.GetIdx()] = labels[a.GetAtomMapNum() - 900]
    out = re.sub(r"\{[^}]+\}", "*", src)
    parts = []
    if any(names):
        parts.append("$" + ";".join(names) + "$")
    if cx:
        parts.append(cx)
    if parts:
        out += " |" + ",".join(parts) + "|"
    check = Chem.MolFromSmiles(out)
    if check is None:
        raise ValueError("built formula does not parse: " + out)
    return out

for pkg in sorted(os.listdir(root)):
    d = os.path.join(root, pkg)
    if not os.path.isdir(d) or pkg.startswith("_"):
        continue
    fdir = os.path.join(d, "formulas")
    for f in sorted(os.listdir(fdir)):
        if f.endswith(".src"):
            out = build_formula(os.path.join(fdir, f))
            open(os.path.join(fdir, f[:-4] + ".cxsmi"), "w").write(out + "\n")
    tsv = os.path.join(d, "molecules.tsv")
    lines = open(tsv).read().splitlines()
    header, rows = lines[0], lines[1:]
    out = [header]
    for n, line in enumerate(rows, 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            print(f"{pkg}:{n}: need name, smiles, verdict, reason"); ok = False; continue
        name, smi, verdict, reason = cols[0], cols[1], cols[2], cols[3]
        if verdict not in VERDICTS:
            print(f"{pkg}:{n}: bad verdict {verdict}"); ok = False
        m = Chem.MolFromSmiles(smi)
        if m is None:
            print(f"{pkg}:{n}: RDKit rejects {smi}"); ok = False; out.append(line); continue
        can = Chem.MolToSmiles(m)
        out.append("\t".join([name, can, verdict, reason]))
    open(tsv, "w").write("\n".join(out) + "\n")
    print(f"{pkg}: {len(rows)} molecules")
sys.exit(0 if ok else 1)
