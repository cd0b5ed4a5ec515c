#!/usr/bin/python3
"""Differential test data for the SMARTS reader and matcher, made with RDKit 2022.09.3 (deterministic, fixed seeds).

Writes under tests/Sieve.Chemistry.Tests/Smarts/TestData/:
  random_smarts_counts.tsv  header `smarts` + molecule ids; one row per random (RDKit-valid) SMARTS built from
                            every primitive, logic operator and bond form: RDKit's uniquified match counts on
                            those golden molecules (maxMatches=100000).
  smarts_acceptance.tsv     `smarts  rdkit_accepts(0/1)`: single-character mutations of valid SMARTS, so the
                            reader's accept/reject boundary can be compared with RDKit's.
Run from the repository root: /usr/bin/python3 scripts/chemistry/smarts_random.py
Needs tests/Sieve.Chemistry.Tests/Data/{molecules,smarts}.tsv.
"""
import random
import rdkit
from rdkit import Chem, RDLogger

assert rdkit.__version__ == "2022.09.3", rdkit.__version__
RDLogger.DisableLog("rdApp.*")
DATA = "tests/Sieve.Chemistry.Tests/Data/"
OUT = "tests/Sieve.Chemistry.Tests/Smarts/TestData/"

PRIMS = ['C', 'c', 'N', 'n', 'O', 'o', 'S', 's', '*', 'a', 'A', '#6', '#7', '#8', '#16', '#9', '#17', '#1', 'D', 'D1',
         'D2', 'D3', 'D4', 'X2', 'X3', 'X4', 'H', 'H0', 'H1', 'H2', 'H3', 'h', 'h0', 'h1', 'h2', 'v2', 'v3', 'v4', 'v5',
         'R', 'R0', 'R1', 'R2', 'r', 'r5', 'r6', 'r3', 'x', 'x0', 'x2', 'x3', '+', '-', '+0', '-1', '+1', 'z', 'z0',
         'z1', 'z2', 'Z', 'Z1', '13', '0', 'D{1-2}', 'X{3-}', 'R{-1}', '+{0-1}', '-{1-}', '$(C=O)', '$(*~[#7])',
         '$([OH])', '$(a)', '$(C[$(N)])', '^1', '^2', '^3', '^0', 'Cl', 'Br', 'F', 'I', 'P', 'p', 'Na', 'Si', 'se', 'cH', 'CH2', 'NH2', 'OH']
BONDS = ['', '', '', '-', '=', '#', ':', '~', '@', '!@', '-,=', '-;@', '=,:', '!-', '!=', '-,:;!@', '/', '\\']


def atom(rng):
    if rng.random() < 0.25:
        return rng.choice(['C', 'c', 'N', 'n', 'O', 'o', 'S', 's', '*', 'a', 'A', 'Cl', 'Br', 'F', 'P'])
    expr = rng.choice(PRIMS)
    for _ in range(rng.randint(0, 2)):
        op = rng.choice(['&', ',', ';', '', '!', '&!', ',!', ';!'])
        p = rng.choice(PRIMS)
        if op in ('', '!') and (p[0].isdigit() or p[0] in '+-{' or expr[-1].isdigit() or expr[-1] in '+-'):
            op = '&' + op
        expr += op + p
    if rng.random() < 0.2:
        expr = '!' + expr
    return '[' + expr + ']'


def smarts(rng):
    s = atom(rng)
    ring_open = False
    depth = 0
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        if r < 0.15 and depth == 0:
            s += '('
            depth += 1
        elif r < 0.25 and depth > 0:
            s += ')'
            depth -= 1
            continue
        s += rng.choice(BONDS) + atom(rng)
        if not ring_open and rng.random() < 0.15:
            s += '1'
            ring_open = True
        elif ring_open and rng.random() < 0.3:
            s += rng.choice(BONDS[:6]) + '1'
            ring_open = False
    s += ')' * depth
    if ring_open:
        s += '1'
    if rng.random() < 0.1:
        s += '.' + atom(rng)
    return s


def main():
    rng = random.Random(20220930)
    molsmi = {}
    with open(DATA + "molecules.tsv") as f:
        next(f)
        for line in f:
            c = line.split('\t')
            molsmi[c[0]] = c[2]
    ids = sorted(rng.sample(sorted(molsmi), 200))
    mols = [Chem.MolFromSmiles(molsmi[i]) for i in ids]
    valid = []
    with open(OUT + "random_smarts_counts.tsv", "w") as out:
        out.write('\t'.join(['smarts'] + ids) + '\n')
        while len(valid) < 600:
            s = smarts(rng)
            q = Chem.MolFromSmarts(s)
            if q is None:
                continue
            valid.append(s)
            counts = [len(m.GetSubstructMatches(q, maxMatches=100000)) for m in mols]
            out.write('\t'.join([s] + [str(c) for c in counts]) + '\n')

    with open(DATA + "smarts.tsv") as f:
        next(f)
        base = valid + [line.split('\t')[1].strip() for line in f]
    alphabet = list("[]()=#$:~@/\\!&,;.%{}-+*0123456789CNOScnosaAHhDXRrxvzZ^lBrIFP")
    seen = set()
    with open(OUT + "smarts_acceptance.tsv", "w") as out:
        out.write("smarts\trdkit_accepts\n")
        while len(seen) < 6000:
            s = rng.choice(base)
            for _ in range(rng.randint(1, 2)):
                i = rng.randint(0, len(s))
                op = rng.random()
                if op < 0.4:
                    s = s[:i] + rng.choice(alphabet) + s[i:]
                elif op < 0.8 and len(s) > 1:
                    s = s[:i] + s[i + 1:]
                else:
                    s = s[:i] + rng.choice(alphabet) + s[i + 1:]
            if s in seen:
                continue
            seen.add(s)
            out.write(f"{s}\t{int(Chem.MolFromSmarts(s) is not None)}\n")


if __name__ == "__main__":
    main()
