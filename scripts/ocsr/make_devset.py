#!/usr/bin/python3
"""OCSR development set: real molecules from Debian's rdkit-data drawn by RDKit in several styles.

  /usr/bin/python3 scripts/ocsr/make_devset.py OUT_DIR [--count N] [--seed S] [--palette]

The test subset in tests/Sieve.Ocsr.Tests/Data/devset is: make_devset.py tests/Sieve.Ocsr.Tests/Data/devset --count 5 --seed 80 --palette

Styles: s400, s800 (RDKit's colour palette), bold, noisy (speckle, blur, rotation, JPEG artefacts), abbrev, markush,
and images as found: jpeg (colour, JPEG quality 40-75), rotated (colour, +-3 degrees), tiff (1-bit CCITT G4 TIFF),
and the drawn-feature styles of devset_features.py (stereo, wavy, arom, posvar, sru).
Writes OUT_DIR/<style>/<name>.(png|jpg|tif) and OUT_DIR/truth.tsv (style, relative path, truth). Truth is RDKit's canonical
SMILES without stereo (the drawings carry none) — except for the drawn-feature styles, whose truth is what the
drawing says; for Markush images it is a CXSMILES whose `*` atoms carry their
R-labels ($R1$ ...), which scripts/ocsr/score.py compares label by label. The same seed gives the same set.
Needs python3-rdkit, rdkit-data and python3-pil (./setup.sh --dev).
"""
import argparse
import io
import os
import random
import re

from PIL import Image, ImageFilter
from rdkit import Chem, RDLogger
from rdkit.Chem import rdAbbreviations, rdDepictor
from rdkit.Chem.Draw import rdMolDraw2D

from devset_features import feature_styles

RDLogger.DisableLog("rdApp.*")
SOURCE = "/usr/share/RDKit/Data/NCI/first_5K.smi"
ELEMENTS = {"C", "N", "O", "S", "F", "Cl", "Br", "I", "P"}


def candidates(seed):
    """Single-component, uncharged-or-simple molecules of 8-35 heavy atoms, stereo removed, shuffled by seed."""
    out = []
    with open(SOURCE) as f:
        for line in f:
            smi = line.split()[0]
            mol = Chem.MolFromSmiles(smi)
            if mol is None or len(Chem.GetMolFrags(mol)) != 1:
                continue
            if not 8 <= mol.GetNumHeavyAtoms() <= 35:
                continue
            if any(a.GetSymbol() not in ELEMENTS or a.GetIsotope() for a in mol.GetAtoms()):
                continue
            Chem.RemoveStereochemistry(mol)
            out.append(mol)
    random.Random(seed).shuffle(out)
    return out


def draw(mol, size, bold=False, bw=False, extra=None, kekulize=True):
    """extra(d, mol): draws more (aromatic circles) in the molecule's frame before the drawing is finished."""
    d = rdMolDraw2D.MolDraw2DCairo(*size)
    o = d.drawOptions()
    if bold:
        o.bondLineWidth = 4
        o.scaleBondWidth = True
    if bw:
        o.useBWAtomPalette()
    rdMolDraw2D.PrepareAndDrawMolecule(d, mol, kekulize=kekulize)
    if extra is not None:
        extra(d, mol)
    d.FinishDrawing()
    return Image.open(io.BytesIO(d.GetDrawingText())).convert("RGB")


def fax_tiff(img, path):
    """A black-and-white fax page: thresholded to 1 bit, CCITT group 4 compressed."""
    img.convert("L").point(lambda v: 255 if v >= 160 else 0).convert("1").save(path, "TIFF", compression="group4")


def noisy(img, rng):
    """Slight rotation, speckle, blur and JPEG artefacts: a scanned page, roughly."""
    img = img.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 150):
        x, y = rng.randrange(w), rng.randrange(h)
        v = rng.choice((0, 90, 255))
        px[x, y] = (v, v, v)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=55)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


ABBREVIATIONS = rdAbbreviations.GetDefaultAbbreviations()


def abbreviated(mol):
    """The molecule with RDKit's default abbreviations condensed, or None when none applies."""
    condensed = rdAbbreviations.CondenseMolAbbreviations(mol, ABBREVIATIONS, maxCoverage=0.6)
    return condensed if condensed.GetNumAtoms() < mol.GetNumAtoms() else None


def markush(mol, rng):
    """Up to three terminal substituent atoms (or H positions on aromatic CH) replaced by R1..Rn labels."""
    rw = Chem.RWMol(mol)
    sites = [a.GetIdx() for a in rw.GetAtoms() if a.GetDegree() == 1 and not a.IsInRing()]
    rng.shuffle(sites)
    chosen = sites[: rng.randint(1, 3)]
    if not chosen:
        return None
    for n, idx in enumerate(sorted(chosen), 1):
        a = rw.GetAtomWithIdx(idx)
        a.SetAtomicNum(0)
        a.SetFormalCharge(0)
        a.SetNoImplicit(True)
        a.SetNumExplicitHs(0)
        a.SetProp("atomLabel", f"R{n}")
        a.SetProp("dummyLabel", f"R{n}")
        for b in a.GetBonds():
            b.SetBondType(Chem.BondType.SINGLE)
    m = rw.GetMol()
    try:
        Chem.SanitizeMol(m)
    except Exception:
        return None
    return m


def markush_truth(m):
    """CXSMILES with $R1$ labels on the * atoms, canonical atom order (RDKit's atomProp block dropped)."""
    return re.sub(r",?atomProp:[^|]*", "", Chem.MolToCXSmiles(m))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=50, help="molecules per style")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--palette", action="store_true", help="16-colour PNGs (small files, for the checked-in test subset)")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    def save(img, path):
        save_png(img, os.path.join(args.out, path))

    def save_png(img, full_path):
        if args.palette:
            img = img.quantize(16)
        img.save(full_path, optimize=True)

    mols = candidates(args.seed)
    styles = {
        "s400": lambda m: draw(m, (400, 300)),
        "s800": lambda m: draw(m, (800, 600)),
        "bold": lambda m: draw(m, (500, 400), bold=True, bw=True),
        "noisy": lambda m: noisy(draw(m, (500, 400), bw=True), rng),
    }
    rows = []
    for style, render in styles.items():
        os.makedirs(os.path.join(args.out, style), exist_ok=True)
        for i, mol in enumerate(mols[: args.count]):
            rdDepictor.Compute2DCoords(mol)
            path = f"{style}/{i:03d}.png"
            save(render(mol), path)
            rows.append((style, path, Chem.MolToSmiles(mol)))
    # Abbreviations: molecules where RDKit condenses a group; truth is the full molecule.
    os.makedirs(os.path.join(args.out, "abbrev"), exist_ok=True)
    n = 0
    for mol in mols:
        if n >= args.count:
            break
        ab = abbreviated(mol)
        if ab is None:
            continue
        path = f"abbrev/{n:03d}.png"
        save(draw(ab, (500, 400), bw=True), path)
        rows.append(("abbrev", path, Chem.MolToSmiles(mol)))
        n += 1
    # Markush: R-labels in place of terminal substituents.
    os.makedirs(os.path.join(args.out, "markush"), exist_ok=True)
    n = 0
    for mol in mols[args.count:]:
        if n >= args.count:
            break
        m = markush(mol, rng)
        if m is None:
            continue
        path = f"markush/{n:03d}.png"
        save(draw(m, (500, 400), bw=True), path)
        rows.append(("markush", path, markush_truth(m)))
        n += 1
    # Images as found: colour drawings saved as JPEG, slightly rotated, and black-and-white fax TIFF (patent pages).
    # Their own random stream, so the styles above stay the same images for the same seed.
    found = random.Random(args.seed + 1)
    found_styles = {
        "jpeg": (".jpg", lambda m: draw(m, (500, 400)), lambda img, path: img.save(path, "JPEG", quality=found.randint(40, 75))),
        "rotated": (".png", lambda m: draw(m, (500, 400)).rotate(
            found.uniform(-3, 3), resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255)), save_png),
        "tiff": (".tif", lambda m: draw(m, (600, 450), bw=True), fax_tiff),
    }
    for style, (ext, render, write) in found_styles.items():
        os.makedirs(os.path.join(args.out, style), exist_ok=True)
        for i, mol in enumerate(mols[2 * args.count: 3 * args.count]):
            rdDepictor.Compute2DCoords(mol)
            path = f"{style}/{i:03d}{ext}"
            write(render(mol), os.path.join(args.out, path))
            rows.append((style, path, Chem.MolToSmiles(mol)))
    rows += feature_styles(mols, args.count, args.seed, save, args.out, draw)
    with open(os.path.join(args.out, "truth.tsv"), "w") as f:
        f.write("style\tpath\ttruth\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} images in {args.out}")


if __name__ == "__main__":
    main()
