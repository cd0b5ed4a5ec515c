namespace Sieve.Chemistry.Canonical;

/// <summary>Cis/trans configuration of one double bond: <see cref="RefBegin"/> (a neighbour of the
/// bond's Begin atom) and <see cref="RefEnd"/> (a neighbour of its End atom) lie on the same side
/// when <see cref="Cis"/>.</summary>
internal readonly record struct DoubleBondStereo(int RefBegin, int RefEnd, bool Cis);

/// <summary>Reads the stereo the model carries (atom parities, directional single bonds) into a
/// form that does not depend on how the input was written: tetrahedral parity relative to the atom's
/// bond list with the implicit hydrogen (if any) last — RDKit's convention — and cis/trans per
/// double bond.</summary>
internal static class StereoPerception
{
    public const byte None = 0, CounterClockwise = 1, Clockwise = 2;

    /// <summary>Parity per atom, relative to <see cref="Molecule.Neighbors"/> order with an implicit
    /// H (or the missing fourth position of a three-coordinate centre) counted last.</summary>
    public static byte[] AtomParities(Molecule m)
    {
        var result = new byte[m.AtomCount];
        for (var a = 0; a < m.AtomCount; a++)
        {
            var atom = m.Atoms[a];
            if (atom.Chirality == Chirality.None) continue;
            var degree = m.Degree(a);
            var h = atom.TotalHydrogens;
            byte tag = atom.Chirality == Chirality.CounterClockwise ? CounterClockwise : Clockwise;
            if (degree == 4 && h == 0) { result[a] = tag; continue; }
            if (degree == 3 && h == 0) { result[a] = tag; continue; }
            if (degree == 3 && h == 1)
            {
                // The model puts the H right after the from-atom (position 1), or first (position 0)
                // when the atom starts its component. Moving it last takes 2 or 3 transpositions.
                result[a] = StartsComponent(m, a) ? Flip(tag) : tag;
                continue;
            }
            // Other shapes (allene-like, two or more H) carry no tetrahedral stereo we can write.
        }
        return result;
    }

    /// <summary>The SMILES reader's rule (see <c>SmilesReader</c>): an atom began its component exactly when
    /// its first neighbour has a higher index than itself (or it has none).</summary>
    internal static bool StartsComponent(Molecule m, int a)
    {
        foreach (var n in m.Neighbors(a))
            return n > a;
        return true;
    }

    public static byte Flip(byte tag) => tag == CounterClockwise ? Clockwise : tag == Clockwise ? CounterClockwise : None;

    /// <summary>Cis/trans per bond (null where the bond is not a double bond with a directional single
    /// bond on each side).</summary>
    public static DoubleBondStereo?[] DoubleBonds(Molecule m)
    {
        var result = new DoubleBondStereo?[m.BondCount];
        for (var bi = 0; bi < m.BondCount; bi++)
        {
            var b = m.Bonds[bi];
            if (b.Order != BondOrder.Double || b.IsAromatic) continue;
            var da = m.Degree(b.Begin);
            var db = m.Degree(b.End);
            if (da is < 2 or > 3 || db is < 2 or > 3) continue;
            if (!TrySide(m, b.Begin, bi, out var refA, out var upA)) continue;
            if (!TrySide(m, b.End, bi, out var refB, out var upB)) continue;
            result[bi] = new DoubleBondStereo(refA, refB, upA == upB);
        }
        return result;
    }

    /// <summary>Finds a directional bond at <paramref name="atom"/> (other than the double bond) and
    /// returns whether its neighbour sits "up" as seen when the neighbour is written to the left:
    /// <c>X/A</c> gives true, <c>A/X</c> false. Same value on both ends means cis. Two marks at one end
    /// that put both neighbours on the same side contradict each other: like RDKit, no stereo then.</summary>
    private static bool TrySide(Molecule m, int atom, int doubleBond, out int reference, out bool up)
    {
        reference = -1;
        up = false;
        foreach (var bi in m.BondsOf(atom))
        {
            if (bi == doubleBond) continue;
            var b = m.Bonds[bi];
            if (b.Direction == BondDirection.None) continue;
            if (b.Order != BondOrder.Single && b.Order != BondOrder.Aromatic) continue;
            var slash = b.Direction == BondDirection.Up;
            var u = b.End == atom ? slash : !slash;
            if (reference < 0)
            {
                reference = b.Other(atom);
                up = u;
            }
            else if (u == up)
            {
                return false;
            }
        }
        return reference >= 0;
    }
}
