namespace Sieve.Chemistry.Canonical;

/// <summary>Canonical atom ranks: the same molecule gives the same ranks to corresponding atoms however
/// its atoms are numbered. Follows RDKit's "new canon" (atom invariants, iterative partition refinement,
/// stereo-aware tie breaking); each connected component is ranked on its own, as RDKit's SMILES writer does.</summary>
public static class CanonicalRanking
{
    /// <summary>Rank of every atom, 0-based, unique within its connected component.</summary>
    public static int[] Rank(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Analyze(m, isomeric: true).Ranks;
    }

    /// <summary>Perceives stereo, ranks every component and keeps what the writer needs.</summary>
    internal static CanonicalAnalysis Analyze(Molecule m, bool isomeric)
    {
        var topology = new Topology(m);
        var parities = isomeric ? StereoPerception.AtomParities(m) : new byte[m.AtomCount];
        var doubleBonds = isomeric ? StereoPerception.DoubleBonds(m) : new DoubleBondStereo?[m.BondCount];
        var ranks = new int[m.AtomCount];
        var localOf = new int[m.AtomCount];
        var ringStereoGroup = new int[m.AtomCount];
        Array.Fill(ringStereoGroup, -1);
        var components = m.Components();
        var markush = MarkushKeys(m);
        foreach (var comp in components)
        {
            for (var i = 0; i < comp.Count; i++) localOf[comp[i]] = i;
            var g = new ComponentGraph(m, comp, localOf, topology);
            if (markush is not null)
                for (var i = 0; i < comp.Count; i++) g.MarkushKey[i] = markush[comp[i]];
            var refiner = new Refiner(g);
            if (isomeric && HasStereo(comp, parities, m, doubleBonds))
            {
                g.ComputeBaseKeys(m, withStereo: false);
                var classes = refiner.SymmetryClasses();
                StereoValidation.Apply(m, g, classes, topology, parities, doubleBonds, ringStereoGroup);
            }
            g.ComputeBaseKeys(m, withStereo: isomeric);
            var local = refiner.CanonicalRanks(isomeric);
            for (var i = 0; i < comp.Count; i++) ranks[comp[i]] = local[i];
        }
        return new CanonicalAnalysis(ranks, parities, doubleBonds, topology, components, ringStereoGroup);
    }

    /// <summary>Per atom: rank of its CXSMILES label among the molecule's labels (ordinal order) and its
    /// role in position variation (attachment atom, candidate), so Markush scaffolds write canonically.
    /// Null for molecules without either.</summary>
    private static long[]? MarkushKeys(Molecule m)
    {
        var labels = new List<string>();
        foreach (var a in m.Atoms)
            if (!string.IsNullOrEmpty(a.Label)) labels.Add(a.Label);
        if (labels.Count == 0 && m.PositionVariations.Count == 0 && m.RepeatUnits.Count == 0) return null;
        labels.Sort(StringComparer.Ordinal);
        var keys = new long[m.AtomCount];
        for (var i = 0; i < m.AtomCount; i++)
        {
            var label = m.Atoms[i].Label;
            if (string.IsNullOrEmpty(label)) continue;
            keys[i] = (long)(labels.BinarySearch(label, StringComparer.Ordinal) + 1) << 8;
        }
        foreach (var pv in m.PositionVariations)
        {
            if ((uint)pv.Atom < (uint)m.AtomCount) keys[pv.Atom] |= 2;
            foreach (var c in pv.Candidates)
                if ((uint)c < (uint)m.AtomCount) keys[c] |= 1;
        }
        foreach (var ru in m.RepeatUnits)
            foreach (var a in ru.Atoms)
                if ((uint)a < (uint)m.AtomCount) keys[a] |= 4;
        return keys;
    }

    private static bool HasStereo(List<int> comp, byte[] parities, Molecule m, DoubleBondStereo?[] doubleBonds)
    {
        foreach (var a in comp)
        {
            if (parities[a] != 0) return true;
            foreach (var b in m.BondsOf(a))
                if (doubleBonds[b] is not null) return true;
        }
        return false;
    }
}

/// <summary>What ranking found, for the writer: ranks, the stereo that survived validation, rings, components,
/// and per atom the ring system whose ring stereo (cis/trans across a ring) it belongs to (-1: none). Inverting
/// every centre of such a group gives the same molecule, so the writer normalises each group.</summary>
internal sealed record CanonicalAnalysis(
    int[] Ranks, byte[] Parities, DoubleBondStereo?[] DoubleBonds, Topology Topology, List<List<int>> Components,
    int[] RingStereoGroup);
