#!/usr/bin/python3
"""RDKit baseline throughput for the Sieve.Chemistry benchmarks (same inputs, so numbers compare).

Usage (from the repository root):
    /usr/bin/python3 bench/Chemistry/rdkit_bench.py [MOLECULES] [SMARTS] [--repeats N]
MOLECULES: a .smi file (SMILES first on each line) or a .tsv with a `smiles` column
           (default: tests/Sieve.Chemistry.Tests/Data/molecules.tsv).
SMARTS:    a .tsv with a `smarts` column or a file with one SMARTS per line
           (default: tests/Sieve.Chemistry.Tests/Data/smarts.tsv).
Prints one JSON object:
    {"parse_canon_per_s", "screen_pairs_per_s", "n_molecules", "n_queries", "rdkit", "repeats"}
(a) parse + canonicalise: Chem.MolFromSmiles then Chem.MolToSmiles for every molecule; best of N runs.
(b) screening: for each query, HasSubstructMatch over all pre-parsed molecules; (molecule x query) pairs
    per second, best of N runs. Parsing SMARTS is outside the timed region.
"""
import argparse
import json
import os
import sys
import time

from rdkit import Chem, RDLogger, rdBase

DATA = os.path.join("tests", "Sieve.Chemistry.Tests", "Data")


def read_column(path, column):
    """First field of each line, or the named column of a TSV with a header."""
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    if path.endswith(".tsv"):
        header = lines[0].split("\t")
        idx = header.index(column)
        return [line.split("\t")[idx] for line in lines[1:]]
    return [line.split()[0] for line in lines if not line.startswith("#")]


def best_of(repeats, fn):
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("molecules", nargs="?", default=os.path.join(DATA, "molecules.tsv"))
    ap.add_argument("smarts", nargs="?", default=os.path.join(DATA, "smarts.tsv"))
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    RDLogger.DisableLog("rdApp.*")  # logging per molecule would dominate the timings

    smiles = read_column(args.molecules, "smiles")
    smarts = read_column(args.smarts, "smarts")

    def parse_canon():
        ok = 0
        for s in smiles:
            m = Chem.MolFromSmiles(s)
            if m is not None:
                Chem.MolToSmiles(m)
                ok += 1
        return ok

    t_parse, n_ok = best_of(args.repeats, parse_canon)
    mols = [m for m in (Chem.MolFromSmiles(s) for s in smiles) if m is not None]
    queries = [q for q in (Chem.MolFromSmarts(s) for s in smarts) if q is not None]
    if n_ok != len(smiles) or len(queries) != len(smarts):
        print(f"warning: {len(smiles) - n_ok} SMILES and {len(smarts) - len(queries)} SMARTS rejected",
              file=sys.stderr)

    def screen():
        hits = 0
        for q in queries:
            for m in mols:
                if m.HasSubstructMatch(q):
                    hits += 1
        return hits

    t_screen, hits = best_of(args.repeats, screen)
    print(json.dumps({
        "parse_canon_per_s": round(len(smiles) / t_parse, 1),
        "screen_pairs_per_s": round(len(mols) * len(queries) / t_screen, 1),
        "n_molecules": len(mols),
        "n_queries": len(queries),
        "screen_hits": hits,
        "rdkit": rdBase.rdkitVersion,
        "repeats": args.repeats,
    }))


if __name__ == "__main__":
    main()
