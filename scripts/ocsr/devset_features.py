"""Drawn-feature styles of the OCSR development set (called by make_devset.py, same seed rules).

  stereo  wedge and hash bonds at random configurations of each molecule's stereocentres; truth is what RDKit reads
          back from the drawing's molblock (tetrahedral stereo from the wedges, E/Z from the 2D coordinates)
  wavy    as stereo, with one centre's bond drawn wavy (configuration unknown): that centre has no @ in the truth
  arom    aromatic rings drawn as a ring of single lines with a circle inside; truth is the aromatic molecule
  posvar  an R1 bond drawn from the middle of a benzene ring out across one ring bond (Markush position variation);
          truth is CXSMILES with R1 on one ring CH and `m:` listing every ring CH it may sit on
  sru     a chain piece in repeat brackets with `n` (structural repeat unit); truth is RDKit's CXSMILES with `Sg:n`

Each style draws from its own random stream, so adding one leaves the others' images unchanged.
"""
import ast
import os
import random

from rdkit import Chem
from rdkit.Chem import rdDepictor
from rdkit.Geometry import Point2D, Point3D

SIZE = (500, 400)


def stereo_molecule(mol, rng, most=4):
    """The molecule with each possible tetrahedral centre given a random configuration, laid out in 2D and read
    back through a molblock as RDKit reads a drawing (None when it has no centre or more than `most`)."""
    m = Chem.Mol(mol)
    centres = Chem.FindMolChiralCenters(m, includeUnassigned=True, useLegacyImplementation=False)
    if not 1 <= len(centres) <= most:
        return None
    for idx, _ in centres:
        m.GetAtomWithIdx(idx).SetChiralTag(rng.choice(
            (Chem.ChiralType.CHI_TETRAHEDRAL_CW, Chem.ChiralType.CHI_TETRAHEDRAL_CCW)))
    Chem.AssignStereochemistry(m, cleanIt=True, force=True)
    rdDepictor.Compute2DCoords(m)
    back = Chem.MolFromMolBlock(Chem.MolToMolBlock(m))
    if back is None or not any(a.GetChiralTag() != Chem.ChiralType.CHI_UNSPECIFIED for a in back.GetAtoms()):
        return None
    return back


def wavy_molecule(mol, rng):
    """A stereo molecule with one centre's acyclic single bond marked 'either' (drawn wavy) and that centre's
    configuration dropped, as RDKit reads a molblock with such a bond."""
    m = stereo_molecule(mol, rng)
    if m is None:
        return None
    centres = [a.GetIdx() for a in m.GetAtoms() if a.GetChiralTag() != Chem.ChiralType.CHI_UNSPECIFIED]
    centre = rng.choice(centres)
    bonds = [b for b in m.GetAtomWithIdx(centre).GetBonds()
             if b.GetBondType() == Chem.BondType.SINGLE and not b.IsInRing()]
    if not bonds:
        return None
    rw = Chem.RWMol(m)
    for b in rw.GetBonds():
        b.SetBondDir(Chem.BondDir.NONE)
    # RDKit writes and draws the bond from its stereocentre, whichever way round it is stored.
    rw.GetBondWithIdx(rng.choice(bonds).GetIdx()).SetBondDir(Chem.BondDir.UNKNOWN)
    rw.GetAtomWithIdx(centre).SetChiralTag(Chem.ChiralType.CHI_UNSPECIFIED)
    drawing = rw.GetMol()
    back = Chem.MolFromMolBlock(Chem.MolToMolBlock(drawing))
    return None if back is None else (drawing, back)


def aromatic_rings(mol):
    return [r for r in mol.GetRingInfo().BondRings() if all(mol.GetBondWithIdx(b).GetIsAromatic() for b in r)]


def circle_drawing(mol):
    """A copy whose aromatic bonds are plain single lines (hydrogen counts fixed so labels stay right), and the
    circles to draw: (centre, radius) per aromatic ring in the molecule's frame."""
    rings = [mol.GetRingInfo().AtomRings()[i] for i, r in enumerate(mol.GetRingInfo().BondRings())
             if all(mol.GetBondWithIdx(b).GetIsAromatic() for b in r)]
    if not rings:
        return None, []
    rw = Chem.RWMol(mol)
    for a in rw.GetAtoms():
        h = a.GetTotalNumHs()
        a.SetIsAromatic(False)
        a.SetNoImplicit(True)
        a.SetNumExplicitHs(h)
    for b in rw.GetBonds():
        if b.GetIsAromatic():
            b.SetBondType(Chem.BondType.SINGLE)
            b.SetIsAromatic(False)
    rw.UpdatePropertyCache(strict=False)
    conf = mol.GetConformer()
    circles = []
    for ring in rings:
        pts = [conf.GetAtomPosition(i) for i in ring]
        cx, cy = sum(p.x for p in pts) / len(pts), sum(p.y for p in pts) / len(pts)
        r = min(((p.x - cx) ** 2 + (p.y - cy) ** 2) ** 0.5 for p in pts)
        circles.append((Point2D(cx, cy), 0.55 * r))
    return rw.GetMol(), circles


def draw_circles(circles):
    def extra(d, _):
        d.SetFillPolys(False)
        for centre, r in circles:
            d.DrawArc(centre, r, 0, 360)
    return extra


def position_variation(mol, rng):
    """(drawing molecule, truth CXSMILES) for an R1 bond drawn into a benzene ring, or None when no ring has two
    neighbouring CH atoms with room outside them."""
    conf = mol.GetConformer()
    pos = lambda i: conf.GetAtomPosition(i)
    bond_len = sum((pos(b.GetBeginAtomIdx()) - pos(b.GetEndAtomIdx())).Length() for b in mol.GetBonds()) / mol.GetNumBonds()
    ch = lambda i: mol.GetAtomWithIdx(i).GetSymbol() == "C" and mol.GetAtomWithIdx(i).GetTotalNumHs() > 0
    options = []
    for ring in mol.GetRingInfo().AtomRings():
        if len(ring) != 6 or not all(mol.GetAtomWithIdx(i).GetIsAromatic() and mol.GetAtomWithIdx(i).GetSymbol() == "C" for i in ring):
            continue
        for k in range(6):
            a, b = ring[k], ring[(k + 1) % 6]
            if ch(a) and ch(b):
                options.append((ring, a, b))
    rng.shuffle(options)
    for ring, a, b in options:
        cx = sum(pos(i).x for i in ring) / 6
        cy = sum(pos(i).y for i in ring) / 6
        mx, my = (pos(a).x + pos(b).x) / 2, (pos(a).y + pos(b).y) / 2
        ux, uy = mx - cx, my - cy
        n = (ux * ux + uy * uy) ** 0.5
        ux, uy = ux / n, uy / n
        rx, ry = mx + ux * bond_len, my + uy * bond_len
        if any(((pos(i).x - rx) ** 2 + (pos(i).y - ry) ** 2) ** 0.5 < 1.2 * bond_len for i in range(mol.GetNumAtoms()) if i not in (a, b)):
            continue
        # Drawing: an unlabelled carbon at the ring centre bonded to R1 outside: one line crossing the ring bond.
        rw = Chem.RWMol(mol)
        x = rw.AddAtom(Chem.Atom(6))
        r = rw.AddAtom(Chem.Atom(0))
        rw.GetAtomWithIdx(r).SetProp("atomLabel", "R1")
        rw.AddBond(x, r, Chem.BondType.SINGLE)
        c = rw.GetConformer()
        c.SetAtomPosition(x, (cx, cy, 0))
        c.SetAtomPosition(r, (rx, ry, 0))
        drawing = rw.GetMol()
        Chem.SanitizeMol(drawing)
        # Truth: R1 on ring atom a, free to sit on any ring CH.
        t = Chem.RWMol(mol)
        star = t.AddAtom(Chem.Atom(0))
        t.AddBond(star, a, Chem.BondType.SINGLE)
        t = t.GetMol()
        smiles = Chem.MolToSmiles(t)
        order = ast.literal_eval(t.GetProp("_smilesAtomOutputOrder"))
        at = {atom: i for i, atom in enumerate(order)}
        candidates = sorted(at[i] for i in ring if ch(i))
        labels = ";".join("R1" if atom == star else "" for atom in order)
        return drawing, f"{smiles} |${labels}$,m:{at[star]}:{'.'.join(map(str, candidates))}|"
    return None


def repeat_unit(mol, rng):
    """A chain of two or three CH2 in repeat brackets with n, or None: (molecule with the SRU and brackets, truth)."""
    chains = []
    for b in mol.GetBonds():
        a1, a2 = b.GetBeginAtom(), b.GetEndAtom()
        if b.IsInRing() or b.GetBondType() != Chem.BondType.SINGLE:
            continue
        for x, y in ((a1, a2), (a2, a1)):
            if x.GetSymbol() == "C" and y.GetSymbol() == "C" and x.GetDegree() == 2 and y.GetDegree() == 2 \
                    and x.GetTotalNumHs() == 2 and y.GetTotalNumHs() == 2 and not x.IsInRing() and not y.IsInRing():
                chains.append((x.GetIdx(), y.GetIdx()))
    if not chains:
        return None
    x, y = rng.choice(chains)
    # The crossing bonds: x's other bond and y's other bond.
    xb = [b for b in mol.GetAtomWithIdx(x).GetBonds() if b.GetOtherAtomIdx(x) != y][0]
    yb = [b for b in mol.GetAtomWithIdx(y).GetBonds() if b.GetOtherAtomIdx(y) != x][0]
    conf = mol.GetConformer()
    brackets = []
    for b, inner in ((xb, x), (yb, y)):
        p, q = conf.GetAtomPosition(inner), conf.GetAtomPosition(b.GetOtherAtomIdx(inner))
        mx, my = (p.x + q.x) / 2, (p.y + q.y) / 2
        dx, dy = q.x - p.x, q.y - p.y
        n = (dx * dx + dy * dy) ** 0.5
        px, py = -dy / n * 0.6, dx / n * 0.6
        brackets.append((mx + px, my + py, mx - px, my - py))
    m = Chem.Mol(mol)
    sg = Chem.CreateMolSubstanceGroup(m, "SRU")
    sg.AddAtomWithIdx(x)
    sg.AddAtomWithIdx(y)
    sg.AddBondWithIdx(xb.GetIdx())
    sg.AddBondWithIdx(yb.GetIdx())
    sg.SetProp("LABEL", "n")
    for x1, y1, x2, y2 in brackets:
        sg.AddBracket([Point3D(x1, y1, 0), Point3D(x2, y2, 0), Point3D(0, 0, 0)])
    truth = Chem.Mol(m)
    truth.RemoveAllConformers()
    return m, Chem.MolToCXSmiles(truth)


def feature_styles(mols, count, seed, save, out, draw):
    """Draws `count` images of each feature style; returns truth rows (style, path, truth)."""
    rows = []

    def style(name, offset, make):
        rng = random.Random(seed * 1000 + offset)
        os.makedirs(os.path.join(out, name), exist_ok=True)
        n = 0
        for mol in mols:
            if n >= count:
                break
            made = make(Chem.Mol(mol), rng)
            if made is None:
                continue
            img, truth = made
            path = f"{name}/{n:03d}.png"
            save(img, path)
            rows.append((name, path, truth))
            n += 1

    def stereo(mol, rng):
        m = stereo_molecule(mol, rng)
        return None if m is None else (draw(m, SIZE, bw=True), Chem.MolToSmiles(m))

    def wavy(mol, rng):
        made = wavy_molecule(mol, rng)
        return None if made is None else (draw(made[0], SIZE, bw=True), Chem.MolToSmiles(made[1]))

    def arom(mol, rng):
        if not aromatic_rings(mol) or rng.random() < 0.3:
            return None
        rdDepictor.Compute2DCoords(mol)
        drawing, circles = circle_drawing(mol)
        return draw(drawing, SIZE, bw=True, extra=draw_circles(circles), kekulize=False), Chem.MolToSmiles(mol)

    def posvar(mol, rng):
        if rng.random() < 0.3:
            return None
        rdDepictor.Compute2DCoords(mol)
        made = position_variation(mol, rng)
        return None if made is None else (draw(made[0], SIZE, bw=True), made[1])

    def sru(mol, rng):
        rdDepictor.Compute2DCoords(mol)
        made = repeat_unit(mol, rng)
        return None if made is None else (draw(made[0], SIZE, bw=True), made[1])

    style("stereo", 1, stereo)
    style("wavy", 2, wavy)
    style("arom", 3, arom)
    style("posvar", 4, posvar)
    style("sru", 5, sru)
    return rows
