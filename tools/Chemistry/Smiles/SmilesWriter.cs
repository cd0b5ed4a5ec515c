using System.Globalization;
using System.Text;
using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Smiles;

/// <summary>Writes SMILES (and CXSMILES labels / position variation) from a perceived molecule.</summary>
public static class SmilesWriter
{
    private static readonly SmilesWriteOptions Defaults = new();

    public static string Write(Molecule m, SmilesWriteOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        o ??= Defaults;
        if (m.AtomCount == 0) return "";
        if (!o.Canonical && o.Ranking is { } ranking && ranking.Count != m.AtomCount)
            throw new ArgumentException($"Ranking has {ranking.Count} entries for {m.AtomCount} atoms", nameof(o));
        // Deep chains need a deep stack for the recursive walk; give big molecules their own thread.
        if (m.AtomCount > 2000)
        {
            string? result = null;
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try { result = WriteCore(m, o); }
                catch (Exception e) { error = e; }
            }, 256 * 1024 * 1024);
            thread.Start();
            thread.Join();
            if (error is not null) throw error;
            return result!;
        }
        return WriteCore(m, o);
    }

    private static string WriteCore(Molecule m, SmilesWriteOptions o)
    {
        var work = m;
        int[] ranks;
        byte[] parities;
        DoubleBondStereo?[] doubleBonds;
        Topology topology;
        List<List<int>> components;
        int[]? ringStereoGroup = null;
        if (o.Canonical)
        {
            var analysis = CanonicalRanking.Analyze(work, o.Isomeric);
            (ranks, parities, doubleBonds, topology, components, ringStereoGroup) =
                (analysis.Ranks, analysis.Parities, analysis.DoubleBonds, analysis.Topology, analysis.Components, analysis.RingStereoGroup);
        }
        else
        {
            topology = new Topology(work);
            parities = o.Isomeric ? StereoPerception.AtomParities(work) : new byte[work.AtomCount];
            doubleBonds = o.Isomeric ? StereoPerception.DoubleBonds(work) : new DoubleBondStereo?[work.BondCount];
            for (var b = 0; b < doubleBonds.Length; b++)
                if (doubleBonds[b] is not null && topology.SmallestRingThrough(b, 8) is > 0 and < 8) doubleBonds[b] = null;
            components = work.Components();
            ranks = new int[work.AtomCount];
            for (var i = 0; i < ranks.Length; i++) ranks[i] = o.Ranking is { } r ? r[i] : i;
        }
        // Like RDKit: atoms are ranked on the aromatic form, then the Kekulé form is walked and written.
        if (o.Kekule)
        {
            work = m.Clone();
            KekuleAssignment.Apply(work, ranks);
            topology = new Topology(work);
        }

        var parts = new List<(string Smiles, List<int> Order)>(components.Count);
        foreach (var comp in components)
        {
            var start = comp[0];
            foreach (var a in comp)
                if (ranks[a] < ranks[start]) start = a;
            parts.Add(WriteComponent(work, start, ranks, topology, parities, doubleBonds, ringStereoGroup, o));
        }
        if (o.Canonical) parts.Sort((x, y) => string.CompareOrdinal(x.Smiles, y.Smiles));

        var sb = new StringBuilder();
        var order = new List<int>(work.AtomCount);
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(parts[i].Smiles);
            order.AddRange(parts[i].Order);
        }
        if (o.CxExtensions) AppendCx(sb, work, order);
        return sb.ToString();
    }

    private static (string, List<int>) WriteComponent(Molecule m, int start, int[] ranks, Topology topology,
        byte[] parities, DoubleBondStereo?[] doubleBonds, int[]? ringStereoGroup, SmilesWriteOptions o)
    {
        // Ring stereo groups: the first centre written gets '@', the others keep their relation to it
        // (RDKit does the same), so mirror-image descriptions of one achiral ring come out identical.
        Dictionary<int, bool>? groupFlip = null;
        var walk = new SmilesTraversal(m, ranks, topology);
        walk.Walk(start);
        var dirs = o.Isomeric ? SmilesStereo.BondDirections(m, walk.Tokens, doubleBonds) : new char[m.BondCount];
        var sb = new StringBuilder();
        var order = new List<int>();
        foreach (var t in walk.Tokens)
        {
            switch (t.Kind)
            {
                case TokenKind.Atom:
                    var chir = o.Isomeric
                        ? SmilesStereo.Chirality(m, t.Value, parities[t.Value], walk.WrittenBondOrder[t.Value]!, t.Value == start)
                        : "";
                    if (chir.Length > 0 && ringStereoGroup is not null && ringStereoGroup[t.Value] >= 0)
                    {
                        groupFlip ??= [];
                        var group = ringStereoGroup[t.Value];
                        if (!groupFlip.TryGetValue(group, out var flip))
                        {
                            flip = chir == "@@";
                            groupFlip[group] = flip;
                        }
                        if (flip) chir = chir == "@" ? "@@" : "@";
                    }
                    SmilesSymbols.AppendAtom(sb, m, t.Value, chir, o.Isomeric, o.Kekule);
                    order.Add(t.Value);
                    break;
                case TokenKind.Bond:
                    var b = m.Bonds[t.Value];
                    SmilesSymbols.AppendBond(sb, m, b, t.From, dirs[t.Value], o.Kekule, b.Order);
                    break;
                case TokenKind.Ring:
                    if (t.Value < 10) sb.Append((char)('0' + t.Value));
                    else if (t.Value < 100) sb.Append('%').Append(t.Value.ToString(CultureInfo.InvariantCulture));
                    else sb.Append("%(").Append(t.Value.ToString(CultureInfo.InvariantCulture)).Append(')');
                    break;
                case TokenKind.Open:
                    sb.Append('(');
                    break;
                case TokenKind.Close:
                    sb.Append(')');
                    break;
            }
        }
        return (sb.ToString(), order);
    }

    /// <summary>CXSMILES atom labels and position variation, with atom numbers in written order.</summary>
    private static void AppendCx(StringBuilder sb, Molecule m, List<int> order)
    {
        var hasLabels = false;
        foreach (var a in m.Atoms)
            if (!string.IsNullOrEmpty(a.Label)) { hasLabels = true; break; }
        if (!hasLabels && m.PositionVariations.Count == 0 && m.RepeatUnits.Count == 0) return;
        var outIndex = new int[m.AtomCount];
        for (var i = 0; i < order.Count; i++) outIndex[order[i]] = i;
        sb.Append(" |");
        var first = true;
        if (hasLabels)
        {
            sb.Append('$');
            for (var i = 0; i < order.Count; i++)
            {
                if (i > 0) sb.Append(';');
                sb.Append(m.Atoms[order[i]].Label);
            }
            sb.Append('$');
            first = false;
        }
        if (m.PositionVariations.Count > 0)
        {
            // Sorted by written attachment atom so the text does not depend on input order.
            var pvs = new List<(int Atom, List<int> Candidates)>();
            foreach (var pv in m.PositionVariations)
            {
                var cands = new List<int>();
                foreach (var c in pv.Candidates) cands.Add(outIndex[c]);
                cands.Sort();
                pvs.Add((outIndex[pv.Atom], cands));
            }
            pvs.Sort((x, y) => x.Atom.CompareTo(y.Atom));
            if (!first) sb.Append(',');
            sb.Append("m:");
            for (var i = 0; i < pvs.Count; i++)
            {
                if (i > 0) sb.Append(",m:");
                sb.Append(pvs[i].Atom.ToString(CultureInfo.InvariantCulture)).Append(':');
                for (var j = 0; j < pvs[i].Candidates.Count; j++)
                {
                    if (j > 0) sb.Append('.');
                    sb.Append(pvs[i].Candidates[j].ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        // Repeat units, sorted by their written atoms, as RDKit writes SRU groups.
        var units = new List<(List<int> Atoms, RepeatUnit Unit)>();
        foreach (var ru in m.RepeatUnits)
        {
            var atoms = new List<int>();
            foreach (var a in ru.Atoms) atoms.Add(outIndex[a]);
            atoms.Sort();
            units.Add((atoms, ru));
        }
        units.Sort((x, y) => x.Atoms[0].CompareTo(y.Atoms[0]));
        foreach (var (atoms, ru) in units)
        {
            if (!first || m.PositionVariations.Count > 0) sb.Append(',');
            first = false;
            sb.Append("Sg:n:").Append(string.Join(",", atoms)).Append(':').Append(ru.Subscript).Append(':').Append(ru.Connection).Append(":::");
        }
        sb.Append('|');
    }

}
