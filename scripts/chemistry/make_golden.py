#!/usr/bin/python3
"""Writes the RDKit golden data set for Sieve.Chemistry tests.

Run from the repository root with Debian's RDKit 2022.09.3:
    /usr/bin/python3 scripts/chemistry/make_golden.py
Output: tests/Sieve.Chemistry.Tests/Data/{molecules,excluded,smarts,match_counts}.tsv and sdf/*.sdf.
Deterministic: fixed source order, fixed-seed sampling, no timestamps in the molfiles.
"""
import csv
import logging
import os
import random
import re
import sys

from rdkit import Chem, rdBase
from rdkit.Chem import AllChem, Descriptors, rdDepictor, rdMolDescriptors

sys.dont_write_bytecode = True  # keep scripts/chemistry free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_smarts import FUNCTIONAL_GROUPS_FILE_PICKS, QUERIES  # noqa: E402

EXPECTED_RDKIT = "2022.09.3"
RDKIT_DIR = "/usr/share/RDKit"
OUT_DIR = os.path.join("tests", "Sieve.Chemistry.Tests", "Data")
SEED = 20220930
MAX_SMILES_LEN = 300  # a handful of 500-1300 character peptides would dominate the file size
MAX_MATCHES = 100000
_TIMESTAMP = re.compile(r"^\[\d\d:\d\d:\d\d\]\s*")


class _Collect(logging.Handler):
    """Keeps RDKit's log messages so an excluded molecule can be listed with RDKit's own reason."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


_LOG = _Collect()


def _setup_logging():
    rdBase.LogToPythonLogger()
    logger = logging.getLogger("rdkit")
    logger.handlers = [_LOG]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    rdBase.DisableLog("rdApp.warning")  # warnings are not rejections; keep only errors
    rdBase.DisableLog("rdApp.info")


def _clean(text):
    """Fields must not contain TABs or newlines; names are also kept free of spaces."""
    return "_".join(text.split())


def _read_smi(rel, smiles_col, name_col, sep=None, skip_header=False):
    path = os.path.join(RDKIT_DIR, rel)
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if skip_header:
        lines = lines[1:]
    for lineno, line in enumerate(lines, start=1 + (1 if skip_header else 0)):
        if not line.strip():
            continue
        parts = line.split(sep) if sep else line.split()
        smiles = parts[smiles_col].strip()
        name = parts[name_col].strip() if len(parts) > name_col else str(lineno)
        yield smiles, f"RDKit:{rel}:{_clean(name) or lineno}"


def _read_chembl24_sample():
    rel = "Contrib/NIBRSubstructureFilters/examples/chembl24_structs_randomtestSample_100.csv"
    with open(os.path.join(RDKIT_DIR, rel), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row["smiles"], f"RDKit:{rel}:{_clean(row['chemblid'])}"


def _read_pubchem_examples():
    """PubChem example structures shipped with the NIBR filters: Kekulé SMILES, stereo, salts, isotopes."""
    rel = "Contrib/NIBRSubstructureFilters/SubstructureFilter_HitTriaging_wPubChemExamples.csv"
    with open(os.path.join(RDKIT_DIR, rel), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for i in range(1, 6):
                smi = (row.get(f"EX{i}") or "").strip()
                if smi:
                    yield smi, f"RDKit:{rel}:CID{_clean(row.get(f'CID_Ex{i}') or '')}"


def _read_wehi():
    rel = "Data/Pains/test_data/wehi_mols.csv"
    with open(os.path.join(RDKIT_DIR, rel), encoding="utf-8") as f:
        for row in csv.reader(f):
            if row:
                yield row[0], f"RDKit:{rel}:{_clean(row[1])}"


# (label, generator factory, how many to keep: None = all that parse)
SOURCES = [
    ("bzr", lambda: _read_smi("Projects/DbCLI/testData/bzr.smi", 0, 1), None),
    ("bzr2", lambda: _read_smi("Projects/DbCLI/testData/bzr.2.smi", 0, 1), None),
    ("cdk2", lambda: _read_smi("Contrib/Fastcluster/cdk2.smi", 1, 0, sep="\t"), None),
    ("fraggle", lambda: _read_smi("Contrib/fraggle/data/ChEMBL_11265_actives.smi", 0, 1), None),
    ("fraggle_q", lambda: _read_smi("Contrib/fraggle/data/query.smi", 0, 1), None),
    ("mmpa", lambda: _read_smi("Contrib/mmpa/data/sample.smi", 0, 1), None),
    ("mmpa_simple", lambda: _read_smi("Contrib/mmpa/data/simple.smi", 0, 1), None),
    ("mmpa_trans", lambda: _read_smi("Contrib/mmpa/data/sample_smiles_mol_trans.smi", 0, 1), None),
    ("chembl24", _read_chembl24_sample, None),
    ("pubchem", _read_pubchem_examples, None),
    ("freewilson", lambda: _read_smi("Contrib/FreeWilson/data/CHEMBL2321810.smi", 0, 1), 150),
    ("nci", lambda: _read_smi("Data/NCI/first_5K.smi", 0, 1), 450),
    ("wehi", _read_wehi, 200),
]


def _parse(smiles):
    """Returns (mol, None) or (None, RDKit's reason)."""
    _LOG.messages.clear()
    mol = Chem.MolFromSmiles(smiles)
    if mol is not None:
        return mol, None
    # RDKit prefixes each message with the wall-clock time; drop it so the output is reproducible.
    messages = [_TIMESTAMP.sub("", m).strip() for m in _LOG.messages]
    reason = " | ".join(m for m in messages if m) or "MolFromSmiles returned None"
    return None, " ".join(reason.split())


def collect_molecules():
    rng = random.Random(SEED)
    kept, excluded = [], []
    seen_input, seen_canonical = set(), set()
    for _label, factory, limit in SOURCES:
        candidates = []
        for smiles, source in factory():
            if smiles in seen_input:
                continue
            seen_input.add(smiles)
            mol, reason = _parse(smiles)
            if mol is None:
                excluded.append((smiles, source, reason))
                continue
            if len(smiles) > MAX_SMILES_LEN:
                continue
            canonical = Chem.MolToSmiles(mol)
            if canonical in seen_canonical:
                continue
            seen_canonical.add(canonical)
            candidates.append((smiles, source, mol, canonical))
        if limit is not None and len(candidates) > limit:
            picks = sorted(rng.sample(range(len(candidates)), limit))
            for i in set(range(len(candidates))) - set(picks):
                seen_canonical.discard(candidates[i][3])
            candidates = [candidates[i] for i in picks]
        kept.extend(candidates)
    return kept, excluded


def molecule_row(mid, smiles, source, mol, canonical):
    aromatic = "".join("1" if a.GetIsAromatic() else "0" for a in mol.GetAtoms())
    hcount = ",".join(str(a.GetTotalNumHs()) for a in mol.GetAtoms())
    fp = AllChem.GetMorganFingerprintAsBitVect(mol, 2, nBits=2048)
    bits = ",".join(str(b) for b in sorted(fp.GetOnBits()))
    return [mid, source, smiles, canonical, aromatic, hcount, rdMolDescriptors.CalcMolFormula(mol),
            "%.4f" % Descriptors.MolWt(mol), str(mol.GetNumHeavyAtoms()), bits]


def load_queries():
    queries = list(QUERIES)
    path = os.path.join(RDKIT_DIR, "Data/FunctionalGroups.txt")
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("//") or not line.strip():
                continue
            parts = [p.strip() for p in line.split("\t") if p.strip()]
            if len(parts) >= 2 and parts[0] in FUNCTIONAL_GROUPS_FILE_PICKS and parts[0] not in found:
                found[parts[0]] = parts[1]
    for label, name in FUNCTIONAL_GROUPS_FILE_PICKS.items():
        queries.append((name, found[label]))
    names = [n for n, _ in queries]
    assert len(names) == len(set(names)), "duplicate query names"
    compiled = []
    for name, smarts in queries:
        q = Chem.MolFromSmarts(smarts)
        assert q is not None, f"RDKit rejects SMARTS {name}: {smarts}"
        compiled.append((name, smarts, q))
    return compiled


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            assert all("\t" not in c and "\n" not in c for c in row), row
            f.write("\t".join(row) + "\n")


def _sdf_record(mol, mid, v3000):
    m = Chem.Mol(mol)
    rdDepictor.Compute2DCoords(m)
    m.SetProp("_Name", mid)
    block = Chem.MolToMolBlock(m, forceV3000=v3000)
    back = Chem.MolFromMolBlock(block)
    if back is None:
        return None
    canonical = Chem.MolToSmiles(back)
    if canonical != Chem.MolToSmiles(mol):
        return None  # the file would not say the same molecule; keep the golden data unambiguous
    return f"{block}> <ID>\n{mid}\n\n> <CANONICAL>\n{canonical}\n\n$$$$\n"


def write_sdfs(rows_with_mols, rng):
    """~100 V2000 and ~50 V3000 records, biased toward stereo, charges and isotopes."""
    small = [(mid, mol, smi) for mid, mol, smi in rows_with_mols if mol.GetNumHeavyAtoms() <= 60]

    def pick(pool, k, taken):
        pool = [p for p in pool if p[0] not in taken]
        chosen = pool if len(pool) <= k else [pool[i] for i in sorted(rng.sample(range(len(pool)), k))]
        taken.update(c[0] for c in chosen)
        return chosen

    def has_iso(m):
        return any(a.GetIsotope() for a in m.GetAtoms())

    def has_charge(m):
        return any(a.GetFormalCharge() for a in m.GetAtoms())

    def has_stereo(smi):
        return "@" in smi or "/" in smi or "\\" in smi

    taken = set()
    out = {}
    for fname, v3000, (n_iso, n_chg, n_st, n_rest) in (("rdkit_v2000.sdf", False, (8, 20, 30, 45)),
                                                      ("rdkit_v3000.sdf", True, (4, 10, 15, 25))):
        chosen = (pick([p for p in small if has_iso(p[1])], n_iso, taken)
                  + pick([p for p in small if has_charge(p[1])], n_chg, taken)
                  + pick([p for p in small if has_stereo(p[2])], n_st, taken)
                  + pick(small, n_rest, taken))
        chosen.sort(key=lambda p: p[0])
        records = [r for r in (_sdf_record(mol, mid, v3000) for mid, mol, _ in chosen) if r]
        with open(os.path.join(OUT_DIR, "sdf", fname), "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(records))
        out[fname] = (len(records), len(chosen) - len(records))
    return out


def main():
    if rdBase.rdkitVersion != EXPECTED_RDKIT:
        sys.exit(f"need RDKit {EXPECTED_RDKIT}, found {rdBase.rdkitVersion} (run with /usr/bin/python3)")
    _setup_logging()
    rdDepictor.SetPreferCoordGen(False)
    os.makedirs(os.path.join(OUT_DIR, "sdf"), exist_ok=True)

    kept, excluded = collect_molecules()
    rows, with_mols = [], []
    for i, (smiles, source, mol, canonical) in enumerate(kept, start=1):
        mid = "M%04d" % i
        rows.append(molecule_row(mid, smiles, source, mol, canonical))
        with_mols.append((mid, mol, smiles))
    write_tsv(os.path.join(OUT_DIR, "molecules.tsv"),
              ["id", "source", "smiles", "canonical", "aromatic", "hcount", "formula", "mw", "heavy",
               "morgan2"], rows)
    write_tsv(os.path.join(OUT_DIR, "excluded.tsv"), ["source", "smiles", "reason"],
              [[src, smi, reason] for smi, src, reason in excluded])

    queries = load_queries()
    write_tsv(os.path.join(OUT_DIR, "smarts.tsv"), ["name", "smarts"], [[n, s] for n, s, _ in queries])
    counts = []
    for mid, mol, _ in with_mols:
        counts.append([mid] + [str(len(mol.GetSubstructMatches(q, uniquify=True, maxMatches=MAX_MATCHES)))
                               for _, _, q in queries])
    write_tsv(os.path.join(OUT_DIR, "match_counts.tsv"), ["id"] + [n for n, _, _ in queries], counts)

    sdf = write_sdfs(with_mols, random.Random(SEED + 1))
    print(f"molecules: {len(rows)}  excluded: {len(excluded)}  queries: {len(queries)}  sdf: {sdf}")


if __name__ == "__main__":
    main()
