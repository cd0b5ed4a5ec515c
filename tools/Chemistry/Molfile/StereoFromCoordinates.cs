namespace Sieve.Chemistry.Molfile;

/// <summary>Stereo from a molfile's drawing, after perception: tetrahedral parity from wedge/hash bonds
/// (2D) or from the coordinates themselves (3D), cis/trans from the positions around double bonds,
/// written into the model's conventions (<see cref="Atom.Chirality"/>, <see cref="Bond.Direction"/>).
/// Marks on centres that turn out symmetric are left for the canonical writer's stereo cleanup to drop,
/// as RDKit's cleanup does.</summary>
internal static class StereoFromCoordinates
{
    private const double Flat = 1e-3;

    public static void Assign(Molecule m, CtabBuilder ctab)
    {
        var read = ctab.Atoms.Count;
        if (read == 0) return;
        var coords = ctab.Coordinates;
        var is3D = false;
        foreach (var p in coords) is3D |= Math.Abs(p.Z) > 1e-4;

        var readNeighbors = new List<(int Atom, int Bond)>[read];
        for (var i = 0; i < read; i++) readNeighbors[i] = [];
        for (var k = 0; k < ctab.ReadEnds.Length; k++)
        {
            var (b, e) = ctab.ReadEnds[k];
            readNeighbors[b].Add((e, k));
            readNeighbors[e].Add((b, k));
        }
        var readIndexOf = new int[m.AtomCount];
        for (var i = 0; i < read; i++)
            if (ctab.NewIndex[i] >= 0) readIndexOf[ctab.NewIndex[i]] = i;
        // Atoms added after the read ones (attachment-point dummies) have no drawing of their own.
        for (var a = read; a < m.AtomCount; a++) readIndexOf[a] = -1;

        for (var a = 0; a < m.AtomCount; a++)
        {
            var o = a < readIndexOf.Length ? readIndexOf[a] : -1;
            if (o < 0 || !MayBeStereoCentre(m, a)) continue;
            var wedged = false;
            foreach (var (_, k) in readNeighbors[o])
                wedged |= ctab.ReadEnds[k].Begin == o && ctab.Bonds[k].Wedge is BondWedge.Wedge or BondWedge.Hash;
            if (!is3D && !wedged) continue;
            var parity = Parity(m, a, o, ctab, readNeighbors, readIndexOf, is3D);
            if (parity != Chirality.None) m.Atoms[a].Chirality = parity;
        }

        var positions = new Point3[m.AtomCount];
        for (var a = 0; a < m.AtomCount; a++) positions[a] = readIndexOf[a] >= 0 ? coords[readIndexOf[a]] : default;
        for (var bi = 0; bi < m.BondCount; bi++)
        {
            var b = m.Bonds[bi];
            if (b.Order != BondOrder.Double || b.IsAromatic || b.Wedge == BondWedge.Either) continue;
            if (readIndexOf[b.Begin] < 0 || readIndexOf[b.End] < 0 || InSmallRing(m, bi)) continue;
            DoubleBond(m, bi, positions);
        }
    }

    /// <summary>RDKit gives no cis/trans to double bonds in rings of fewer than eight atoms; marking them
    /// would also lend directions to neighbouring double bonds that have none.</summary>
    private static bool InSmallRing(Molecule m, int bond)
    {
        if (m.Rings is not { } rings || !rings.IsBondInRing(bond)) return false;
        for (var size = 3; size < 8; size++)
            if (rings.IsBondInRingOfSize(bond, size)) return true;
        return false;
    }

    /// <summary>Shapes RDKit treats as possible tetrahedral centres: sp3 carbon-group atoms and
    /// quaternary nitrogen with four single bonds (at most one H), and three- or four-connected P, S,
    /// As, Se without hydrogens (phosphines, sulfoxides).</summary>
    private static bool MayBeStereoCentre(Molecule m, int a)
    {
        var atom = m.Atoms[a];
        var degree = m.Degree(a);
        var h = atom.TotalHydrogens;
        if (h > 1 || degree + h is < 3 or > 4) return false;
        switch (atom.Element)
        {
            case 6 or 14 or 32 or 50:
            case 7 when degree + h == 4:
                if (degree + h != 4) return false;
                foreach (var bi in m.BondsOf(a))
                    if (m.Bonds[bi].Order != BondOrder.Single || m.Bonds[bi].IsAromatic) return false;
                return true;
            case 15 or 16 or 33 or 34:
                return h == 0;
            default:
                return false;
        }
    }

    /// <summary>The model's parity for atom <paramref name="a"/>: neighbours in <see cref="Molecule.Neighbors"/>
    /// order, a single hydrogen at position 0 (atom first of its component by the SMILES reader's rule:
    /// first neighbour has a higher index) or 1, a lone pair last. Positions of the drawing; in 2D a wedge
    /// lifts its narrow end's neighbour towards the viewer, a hash pushes it away. A missing position (implicit
    /// hydrogen, lone pair) sits at the centre, which gives the handedness of the other three.</summary>
    private static Chirality Parity(Molecule m, int a, int o, CtabBuilder ctab, List<(int Atom, int Bond)>[] readNeighbors,
        int[] readIndexOf, bool is3D)
    {
        var centre = ctab.Coordinates[o];
        Point3 Lifted(int readAtom)
        {
            var p = ctab.Coordinates[readAtom];
            if (is3D) return p;
            foreach (var (n, k) in readNeighbors[o])
            {
                if (n != readAtom || ctab.ReadEnds[k].Begin != o) continue;
                var z = ctab.Bonds[k].Wedge switch { BondWedge.Wedge => 1.0, BondWedge.Hash => -1.0, _ => 0.0 };
                return p with { Z = z };
            }
            return p with { Z = 0 };
        }

        var points = new List<Point3>(4);
        foreach (var n in m.Neighbors(a))
        {
            var r = readIndexOf[n];
            if (r < 0) return Chirality.None;
            points.Add(Lifted(r));
        }
        var h = m.Atoms[a].TotalHydrogens;
        if (h == 1 && points.Count == 3)
        {
            // A drawn hydrogen that was removed keeps its position; an implicit one sits at the centre.
            var hPoint = centre;
            foreach (var (n, _) in readNeighbors[o])
                if (ctab.NewIndex[n] < 0 && ctab.Atoms[n].Element == 1) { hPoint = Lifted(n); break; }
            var first = true;
            var startsComponent = true;
            foreach (var n in m.Neighbors(a)) { if (first) startsComponent = n > a; first = false; }
            points.Insert(startsComponent ? 0 : 1, hPoint);
        }
        else if (points.Count == 3)
            points.Add(centre);
        if (points.Count != 4) return Chirality.None;
        var v1 = Sub(points[1], points[0]);
        var v2 = Sub(points[2], points[0]);
        var v3 = Sub(points[3], points[0]);
        var det = Dot(v1, Cross(v2, v3));
        var scale = Norm(v1) * Norm(v2) * Norm(v3);
        if (scale == 0 || Math.Abs(det) < Flat * scale) return Chirality.None;
        return det > 0 ? Chirality.Clockwise : Chirality.CounterClockwise;
    }

    /// <summary>Cis/trans of one double bond from positions, written as single-bond directions the way the
    /// SMILES model reads them: at each end the first directional single bond (in bond-list order) is the
    /// reference, "up" when its other atom is the bond's Begin and it is Up, or its End and it is Down;
    /// equal "up" at both ends means cis.</summary>
    private static void DoubleBond(Molecule m, int bi, Point3[] positions)
    {
        var b = m.Bonds[bi];
        var da = m.Degree(b.Begin);
        var db = m.Degree(b.End);
        if (da is < 2 or > 3 || db is < 2 or > 3) return;
        foreach (var end in new[] { b.Begin, b.End })
            foreach (var k in m.BondsOf(end))
                if (m.Bonds[k].Wedge == BondWedge.Either) return; // wavy bond: configuration unknown
        var sideA = Side(m, b.Begin, bi);
        var sideB = Side(m, b.End, bi);
        if (sideA.Bond < 0 || sideB.Bond < 0) return;
        var cis = Cis(positions[b.Begin], positions[b.End], positions[sideA.Reference], positions[sideB.Reference]);
        if (cis is null) return;
        var upA = sideA.Up ?? SetUp(m, sideA.Bond, b.Begin, true);
        var wantB = cis.Value ? upA : !upA;
        if (sideB.Up is null) SetUp(m, sideB.Bond, b.End, wantB);
        // An end that already carries a direction from a neighbouring double bond keeps it; where it disagrees
        // the drawing cannot be expressed with one direction per bond and this bond stays unspecified.
    }

    private static (int Bond, int Reference, bool? Up) Side(Molecule m, int atom, int doubleBond)
    {
        var first = -1;
        foreach (var k in m.BondsOf(atom))
        {
            if (k == doubleBond) continue;
            var s = m.Bonds[k];
            if (s.Order != BondOrder.Single && s.Order != BondOrder.Aromatic) continue;
            if (s.Direction != BondDirection.None)
                return (k, s.Other(atom), s.End == atom ? s.Direction == BondDirection.Up : s.Direction != BondDirection.Up);
            if (first < 0) first = k;
        }
        return first < 0 ? (-1, -1, null) : (first, m.Bonds[first].Other(atom), null);
    }

    private static bool SetUp(Molecule m, int bond, int atom, bool up)
    {
        var s = m.Bonds[bond];
        s.Direction = (s.End == atom) == up ? BondDirection.Up : BondDirection.Down;
        return up;
    }

    /// <summary>True when the references lie on the same side of the double bond; null when either is
    /// (nearly) in line with it.</summary>
    private static bool? Cis(Point3 a, Point3 b, Point3 x, Point3 y)
    {
        var axis = Sub(b, a);
        var len2 = Dot(axis, axis);
        if (len2 == 0) return null;
        var u = Sub(x, a);
        var w = Sub(y, b);
        var pu = Sub(u, Scale(axis, Dot(u, axis) / len2));
        var pw = Sub(w, Scale(axis, Dot(w, axis) / len2));
        var nu = Norm(pu);
        var nw = Norm(pw);
        if (nu < Flat * Norm(u) || nw < Flat * Norm(w) || nu == 0 || nw == 0) return null;
        var cos = Dot(pu, pw) / (nu * nw);
        if (Math.Abs(cos) < 0.1) return null;
        return cos > 0;
    }

    private static Point3 Sub(Point3 p, Point3 q) => new(p.X - q.X, p.Y - q.Y, p.Z - q.Z);
    private static Point3 Scale(Point3 p, double f) => new(p.X * f, p.Y * f, p.Z * f);
    private static double Dot(Point3 p, Point3 q) => p.X * q.X + p.Y * q.Y + p.Z * q.Z;
    private static Point3 Cross(Point3 p, Point3 q) => new(p.Y * q.Z - p.Z * q.Y, p.Z * q.X - p.X * q.Z, p.X * q.Y - p.Y * q.X);
    private static double Norm(Point3 p) => Math.Sqrt(Dot(p, p));
}
