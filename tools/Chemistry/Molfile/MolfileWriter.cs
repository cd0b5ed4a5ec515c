using System.Globalization;
using System.Text;
using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Molfile;

/// <summary>Writes molfiles in Kekulé form, V2000 (switching to V3000 past 999 atoms or bonds, as RDKit)
/// or V3000. Charges, radicals and isotopes go to property lines; hydrogen counts the default valence
/// model would not reproduce go to the valence field; R-group atoms (<c>*</c> labelled R<i>n</i>) to
/// <c>M  RGP</c>; labels <c>[C,N]</c>/<c>![C,N]</c> to atom lists; other labels to aliases.
/// Position variation (CXSMILES <c>m:</c>) is written in V3000 only, as ENDPTS on the star's bond.
/// Coordinates come from <see cref="MolfileCoordinates"/>, else from a 2D layout with stereo wedges.</summary>
public static class MolfileWriter
{
    public static string Write(Molecule m, MolfileVersion v = MolfileVersion.V2000)
    {
        ArgumentNullException.ThrowIfNull(m);
        var sb = new StringBuilder();
        Write(m, v, sb);
        return sb.ToString();
    }

    internal static void Write(Molecule source, MolfileVersion version, StringBuilder sb)
    {
        var (drawn, coordinates) = Drawn(source);
        var m = Kekulized(drawn);
        if (m.AtomCount > 999 || m.BondCount > 999) version = MolfileVersion.V3000;
        sb.Append(OneLine(source.Name)).Append('\n');
        sb.Append("     Sieve          2D\n\n");
        var bondValence = new int[m.AtomCount];
        foreach (var b in m.Bonds)
        {
            var o = b.Order is BondOrder.Single or BondOrder.Double or BondOrder.Triple or BondOrder.Quadruple ? (int)b.Order : 0;
            bondValence[b.Begin] += o;
            bondValence[b.End] += o;
        }
        var atoms = new AtomText[m.AtomCount];
        for (var i = 0; i < atoms.Length; i++)
            atoms[i] = Describe(m, i, bondValence[i], coordinates[i]);
        if (version == MolfileVersion.V2000) WriteV2000(m, atoms, sb);
        else WriteV3000(m, atoms, sb);
        sb.Append("M  END\n");
    }

    /// <summary>The molecule with the coordinates to write. Without coordinates of its own (a molecule from SMILES) it
    /// gets a 2D layout and wedge/hash bonds, because readers (RDKit among them) take tetrahedral and cis/trans
    /// stereo from a molfile's drawing and ignore its parity fields.</summary>
    private static (Molecule Drawn, IReadOnlyList<Point3> Coordinates) Drawn(Molecule source)
    {
        if (MolfileCoordinates.TryGet(source, out var own))
            return (source, own);
        var layout = Sieve.Chemistry.Depiction.Layout2D.Compute(source);
        var wedges = Sieve.Chemistry.Depiction.StereoWedges.Assign(source, layout);
        var drawn = source.Clone();
        wedges.ApplyTo(drawn);
        return (drawn, [.. layout.Select(p => new Point3(p.X, p.Y, 0))]);
    }

    private static Molecule Kekulized(Molecule m)
    {
        var aromatic = false;
        foreach (var b in m.Bonds) aromatic |= b.IsAromatic || b.Order == BondOrder.Aromatic;
        if (!aromatic) return m;
        var copy = m.Clone();
        Kekulizer.Kekulize(copy, clearAromaticFlags: true);
        return copy;
    }

    /// <summary>How one atom is spelled: symbol and the extras that go to property lines.</summary>
    private readonly record struct AtomText(string Symbol, Point3 At, int RGroup, string? List, bool ListExcludes, string? Alias, int? Valence);

    private static AtomText Describe(Molecule m, int i, int bondValence, Point3 at)
    {
        var atom = m.Atoms[i];
        var symbol = atom.Element == 0 ? "R" : Elements.Symbol(atom.Element);
        int rgroup = 0;
        string? list = null, alias = null;
        var excludes = false;
        var label = atom.Label;
        if (atom.Element == 0 && label is not null)
        {
            if (label.Length > 1 && label[0] == 'R' && int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is > 0 and < 1000)
            {
                symbol = "R#";
                rgroup = r;
                label = null;
            }
            else if (label.Length > 2 && (label[0] == '[' || (label[0] == '!' && label[1] == '[')) && label[^1] == ']')
            {
                excludes = label[0] == '!';
                list = label[(excludes ? 2 : 1)..^1];
                symbol = "L";
                label = null;
            }
            else if (label is "A" or "AH" or "Q" or "QH" or "X" or "XH" or "M" or "MH" or "LP" or "Pol" or "Mod")
            {
                symbol = label;
                label = null;
            }
        }
        alias = label;
        return new AtomText(symbol, at, rgroup, list, excludes, alias, ValenceField.Needed(m, i, bondValence));
    }

    private static void WriteV2000(Molecule m, AtomText[] atoms, StringBuilder sb)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{m.AtomCount,3}{m.BondCount,3}  0  0  0  0  0  0  0  0999 V2000\n");
        for (var i = 0; i < atoms.Length; i++)
        {
            var a = atoms[i];
            var atom = m.Atoms[i];
            var valence = a.Valence is null ? 0 : a.Valence == 0 ? 15 : a.Valence.Value;
            if (valence > 14) valence = a.Valence == 0 ? 15 : 0;
            var map = atom.AtomMap is > 0 and < 1000 ? atom.AtomMap : 0;
            sb.Append(inv, $"{a.At.X,10:0.0000}{a.At.Y,10:0.0000}{a.At.Z,10:0.0000} {a.Symbol,-3} 0  0  0  0  0{valence,3}  0  0  0{map,3}  0  0\n");
        }
        foreach (var b in m.Bonds)
        {
            var stereo = b.Order == BondOrder.Single ? b.Wedge switch { BondWedge.Wedge => 1, BondWedge.Hash => 6, BondWedge.Either => 4, _ => 0 }
                : b.Order == BondOrder.Double && b.Wedge == BondWedge.Either ? 3 : 0;
            sb.Append(inv, $"{b.Begin + 1,3}{b.End + 1,3}{BondTypes.ToCode(b.Order),3}{stereo,3}\n");
        }
        PropertyLines(sb, "CHG", m, i => m.Atoms[i].Charge);
        PropertyLines(sb, "RAD", m, i => AtomSymbols.RadicalCode(m.Atoms[i].RadicalElectrons));
        PropertyLines(sb, "ISO", m, i => m.Atoms[i].Isotope);
        PropertyLines(sb, "RGP", m, i => atoms[i].RGroup);
        for (var i = 0; i < atoms.Length; i++)
        {
            if (atoms[i].List is not { } list) continue;
            var symbols = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            sb.Append(inv, $"M  ALS {i + 1,3}{symbols.Length,3} {(atoms[i].ListExcludes ? 'T' : 'F')} ");
            foreach (var s in symbols) sb.Append(s.PadRight(4));
            sb.Append('\n');
        }
        for (var i = 0; i < atoms.Length; i++)
            if (atoms[i].Alias is { } alias)
                sb.Append(inv, $"A  {i + 1,3}\n{OneLine(alias)}\n");
    }

    /// <summary>Non-zero values as <c>M  XXX</c> lines of at most eight entries.</summary>
    private static void PropertyLines(StringBuilder sb, string tag, Molecule m, Func<int, int> value)
    {
        var entries = new List<(int, int)>();
        for (var i = 0; i < m.AtomCount; i++)
            if (value(i) != 0) entries.Add((i + 1, value(i)));
        for (var start = 0; start < entries.Count; start += 8)
        {
            var n = Math.Min(8, entries.Count - start);
            sb.Append(CultureInfo.InvariantCulture, $"M  {tag}{n,3}");
            for (var k = start; k < start + n; k++)
                sb.Append(CultureInfo.InvariantCulture, $" {entries[k].Item1,3} {entries[k].Item2,3}");
            sb.Append('\n');
        }
    }

    private static void WriteV3000(Molecule m, AtomText[] atoms, StringBuilder sb)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append("  0  0  0  0  0  0  0  0  0  0999 V3000\n");
        sb.Append("M  V30 BEGIN CTAB\n");
        sb.Append(inv, $"M  V30 COUNTS {m.AtomCount} {m.BondCount} 0 0 0\n");
        sb.Append("M  V30 BEGIN ATOM\n");
        for (var i = 0; i < atoms.Length; i++)
        {
            var a = atoms[i];
            var atom = m.Atoms[i];
            var line = new StringBuilder();
            var symbol = a.List is { } list ? (a.ListExcludes ? "NOT [" : "[") + list + "]" : a.Symbol;
            if (symbol.Contains(' ')) symbol = "\"" + symbol + "\"";
            line.Append(inv, $"{i + 1} {symbol} {a.At.X:0.######} {a.At.Y:0.######} {a.At.Z:0.######} {Math.Max(0, atom.AtomMap)}");
            if (atom.Charge != 0) line.Append(inv, $" CHG={atom.Charge}");
            if (atom.RadicalElectrons != 0) line.Append(inv, $" RAD={AtomSymbols.RadicalCode(atom.RadicalElectrons)}");
            if (atom.Isotope != 0) line.Append(inv, $" MASS={atom.Isotope}");
            if (a.Valence is { } v) line.Append(inv, $" VAL={(v == 0 ? -1 : v)}");
            if (a.RGroup != 0) line.Append(inv, $" RGROUPS=(1 {a.RGroup})");
            V30Line(sb, line.ToString());
        }
        sb.Append("M  V30 END ATOM\n");
        if (m.BondCount > 0)
        {
            sb.Append("M  V30 BEGIN BOND\n");
            // Position variation: the star's single bond carries the candidate atoms (ENDPTS).
            var endpoints = new Dictionary<int, IReadOnlyList<int>>();
            foreach (var pv in m.PositionVariations)
                if ((uint)pv.Atom < (uint)m.AtomCount && m.Degree(pv.Atom) == 1)
                    endpoints[m.BondsOf(pv.Atom)[0]] = pv.Candidates;
            for (var k = 0; k < m.BondCount; k++)
            {
                var b = m.Bonds[k];
                var cfg = b.Order == BondOrder.Single ? b.Wedge switch { BondWedge.Wedge => 1, BondWedge.Either => 2, BondWedge.Hash => 3, _ => 0 }
                    : b.Order == BondOrder.Double && b.Wedge == BondWedge.Either ? 2 : 0;
                var line = string.Create(inv, $"{k + 1} {BondTypes.ToCode(b.Order)} {b.Begin + 1} {b.End + 1}");
                if (cfg != 0) line += string.Create(inv, $" CFG={cfg}");
                if (endpoints.TryGetValue(k, out var ends))
                    line += string.Create(inv, $" ENDPTS=({ends.Count} {string.Join(' ', ends.Select(e => e + 1))}) ATTACH=ANY");
                V30Line(sb, line);
            }
            sb.Append("M  V30 END BOND\n");
        }
        sb.Append("M  V30 END CTAB\n");
    }

    /// <summary>V30 lines are limited to 80 characters; longer content continues with a trailing <c>-</c>.</summary>
    private static void V30Line(StringBuilder sb, string content)
    {
        const int room = 80 - 7 - 1;
        while (content.Length > room + 1)
        {
            sb.Append("M  V30 ").Append(content, 0, room).Append("-\n");
            content = content[room..];
        }
        sb.Append("M  V30 ").Append(content).Append('\n');
    }

    private static string OneLine(string? s) =>
        s is null ? "" : s.Replace('\r', ' ').Replace('\n', ' ');
}
