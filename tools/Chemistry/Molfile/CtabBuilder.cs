namespace Sieve.Chemistry.Molfile;

/// <summary>A connection table as read, before hydrogens are folded in and perception runs. Both
/// V2000 and V3000 parsers fill one; <see cref="Build"/> turns it into a <see cref="Molecule"/>.</summary>
internal sealed class CtabBuilder
{
    public const int NoValence = int.MinValue;

    public List<Atom> Atoms { get; } = [];
    public List<Point3> Coordinates { get; } = [];

    /// <summary>Molfile valence field per atom: <see cref="NoValence"/> when absent, else the total valence
    /// (0 for the "zero valence" marks, V2000 15 and V3000 -1).</summary>
    public List<int> Valences { get; } = [];

    public List<Bond> Bonds { get; } = [];

    /// <summary>Line number of each bond's line, for errors found when the bond is added.</summary>
    public List<int> BondLines { get; } = [];

    /// <summary>R-group member attachment points (<c>M  APO</c>, V3000 <c>ATTCHPT</c>): atom index → 1, 2 or 3 (both).</summary>
    public List<(int Atom, int Kind)> AttachmentPoints { get; } = [];

    public List<PositionVariation> PositionVariations { get; } = [];

    /// <summary>After <see cref="Build"/>: each read atom's index in the molecule, -1 for removed hydrogens.</summary>
    public int[] NewIndex { get; private set; } = [];

    /// <summary>After <see cref="Build"/>: each read bond's ends as read (Build renumbers the bonds themselves).</summary>
    public (int Begin, int End)[] ReadEnds { get; private set; } = [];

    /// <summary>After <see cref="Build"/>: each read bond's index in the molecule, -1 when removed.</summary>
    public int[] NewBondIndex { get; private set; } = [];

    /// <summary>A connection table that is already the molecule: every atom kept in place, bonds as they are,
    /// at the given flat coordinates (for stereo perception of a drawing read from somewhere other than a file).</summary>
    public static CtabBuilder OfDrawing(Molecule m, IReadOnlyList<Point3> coordinates)
    {
        var ctab = new CtabBuilder();
        for (var i = 0; i < m.AtomCount; i++) ctab.AddAtom(m.Atoms[i], coordinates[i]);
        ctab.Bonds.AddRange(m.Bonds);
        ctab.ReadEnds = [.. m.Bonds.Select(b => (b.Begin, b.End))];
        ctab.NewIndex = [.. Enumerable.Range(0, m.AtomCount)];
        ctab.NewBondIndex = [.. Enumerable.Range(0, m.BondCount)];
        return ctab;
    }

    public int AddAtom(Atom atom, Point3 at)
    {
        Atoms.Add(atom);
        Coordinates.Add(at);
        Valences.Add(NoValence);
        return Atoms.Count - 1;
    }

    /// <summary>The molecule: explicit hydrogens removed as RDKit's default <c>removeHs</c> does, valence fields turned into fixed hydrogen counts, attachment points added as
    /// labelled <c>*</c> atoms. No perception yet.</summary>
    public Molecule Build(LineCursor lines, bool removeHydrogens, out Point3[] coordinates)
    {
        var n = Atoms.Count;
        var bondValence = new double[n];
        var degree = new int[n];
        foreach (var b in Bonds)
        {
            var v = Sieve.Chemistry.Perception.ElementRules.Contribution(b.Order);
            bondValence[b.Begin] += v;
            bondValence[b.End] += v;
            degree[b.Begin]++;
            degree[b.End]++;
        }
        for (var i = 0; i < n; i++)
        {
            if (Valences[i] == NoValence) continue;
            // The valence field fixes the total valence: whatever bonds do not use is hydrogen, and the
            // valence model must add nothing (RDKit sets noImplicit).
            var atom = Atoms[i];
            atom.ExplicitHydrogens = Math.Max(0, Valences[i] - (int)Math.Round(bondValence[i], MidpointRounding.ToZero));
            atom.IsBracket = true;
        }

        var remove = new bool[n];
        if (removeHydrogens)
        {
            foreach (var b in Bonds)
            {
                if (b.Order != BondOrder.Single) continue;
                TryFold(b.Begin, b.End);
                TryFold(b.End, b.Begin);
            }
            foreach (var pv in PositionVariations)
            {
                remove[pv.Atom] = false;
                foreach (var c in pv.Candidates) remove[c] = false;
            }
        }

        void TryFold(int h, int heavy)
        {
            var a = Atoms[h];
            var other = Atoms[heavy];
            // RDKit keeps labelled, charged, radical, bridging or isolated hydrogens, H–H, and H on dummies.
            if (a.Element != 1 || a.Isotope != 0 || a.Charge != 0 || a.RadicalElectrons != 0 || degree[h] != 1
                || other.Element <= 1 || a.Label is not null || remove[h])
                return;
            remove[h] = true;
            // RDKit removes these hydrogens before perception and keeps the count only where the valence
            // model cannot restore it (atoms with a fixed valence); elsewhere implicit H takes over, so a
            // drawn H beyond the normal valence (O with C, H, H) is simply dropped.
            if (other.IsBracket) other.ExplicitHydrogens = (other.ExplicitHydrogens ?? 0) + 1;
        }

        ReadEnds = [.. Bonds.Select(b => (b.Begin, b.End))];
        NewBondIndex = new int[Bonds.Count];
        var newIndex = new int[n];
        var m = new Molecule();
        var coords = new List<Point3>(n);
        for (var i = 0; i < n; i++)
        {
            if (remove[i]) { newIndex[i] = -1; continue; }
            newIndex[i] = m.AddAtom(Atoms[i]);
            coords.Add(Coordinates[i]);
        }
        for (var k = 0; k < Bonds.Count; k++)
        {
            var b = Bonds[k];
            NewBondIndex[k] = -1;
            if (remove[b.Begin] || remove[b.End]) continue;
            if (m.BondIndex(newIndex[b.Begin], newIndex[b.End]) >= 0)
                throw lines.Error("", BondLines[k], $"second bond between atoms {b.Begin + 1} and {b.End + 1}");
            b.Begin = newIndex[b.Begin];
            b.End = newIndex[b.End];
            NewBondIndex[k] = m.AddBond(b);
        }
        foreach (var pv in PositionVariations)
            m.PositionVariations.Add(new PositionVariation(newIndex[pv.Atom], [.. pv.Candidates.Select(c => newIndex[c])]));
        foreach (var (atom, kind) in AttachmentPoints)
        {
            if (newIndex[atom] < 0) continue;
            for (var ap = 1; ap <= 2; ap++)
            {
                if ((kind & ap) == 0) continue;
                var dummy = m.AddAtom(new Atom { Element = 0, Label = $"_AP{ap}", AtomMap = ap });
                coords.Add(coords[newIndex[atom]]);
                m.AddBond(newIndex[atom], dummy, BondOrder.Single);
            }
        }
        coordinates = [.. coords];
        NewIndex = newIndex;
        return m;
    }
}

/// <summary>Atom coordinates as written in the molfile.</summary>
public readonly record struct Point3(double X, double Y, double Z);
