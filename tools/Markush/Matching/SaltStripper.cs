using Sieve.Chemistry;
using Sieve.Markush.Chem;

namespace Sieve.Markush.Matching;

/// <summary>"or a pharmaceutically acceptable salt thereof": keeps the largest component (heavy atoms; first on a
/// tie), lists what it removed, and neutralises the parent's ionised acids and protonated amines so that a
/// carboxylate is read as carboxy. Quaternary N+ and zwitterion partners (nitro, N-oxides) are left alone.</summary>
internal static class SaltStripper
{
    public static Molecule Strip(Molecule m, List<string> stripped, List<string> neutralized)
    {
        if (m.AtomCount == 0) return m;
        var comps = m.Components();
        var keep = comps[0];
        foreach (var c in comps) if (c.Count > keep.Count) keep = c;
        foreach (var c in comps)
            if (!ReferenceEquals(c, keep)) stripped.Add(FragmentSmiles.Write(m, c, c[0], withAttachment: false));
        var charged = false;
        foreach (var a in m.Atoms) if (a.Charge != 0) { charged = true; break; }
        // One neutral component: nothing to strip or neutralise, so no copy is made.
        if (comps.Count == 1 && !charged) return m;
        var parent = comps.Count == 1 ? m.Clone() : Extract(m, keep);
        for (var i = 0; i < parent.AtomCount; i++)
        {
            var a = parent.Atoms[i];
            if (a.Charge == 0) continue;
            var partner = false;
            foreach (var x in parent.Neighbors(i)) if (parent.Atoms[x].Charge * a.Charge < 0) partner = true;
            if (partner) continue;
            if (a.Charge == -1 && a.Element is 8 or 16 or 7)
            {
                a.ExplicitHydrogens = a.TotalHydrogens + 1; a.ImplicitHydrogens = 0; a.Charge = 0; a.IsBracket = true;
                neutralized.Add($"{Elements.Symbol(a.Element)}- at atom {i} protonated");
            }
            else if (a.Charge == 1 && a.Element == 7 && a.TotalHydrogens > 0)
            {
                a.ExplicitHydrogens = a.TotalHydrogens - 1; a.ImplicitHydrogens = 0; a.Charge = 0; a.IsBracket = true;
                neutralized.Add($"N+ at atom {i} deprotonated");
            }
        }
        return parent;
    }

    private static Molecule Extract(Molecule m, List<int> atoms)
    {
        var map = new Dictionary<int, int>();
        var r = new Molecule { Name = m.Name };
        foreach (var a in atoms) map[a] = r.AddAtom(m.Atoms[a].Clone());
        foreach (var b in m.Bonds)
            if (map.TryGetValue(b.Begin, out var x) && map.TryGetValue(b.End, out var y))
            {
                var c = b.Clone(); c.Begin = x; c.End = y;
                r.AddBond(c);
            }
        return r;
    }
}
