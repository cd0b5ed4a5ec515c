using System.Globalization;
using System.Text;

namespace Sieve.Chemistry.Molfile;

/// <summary>Reads a V3000 connection table (<c>M  V30</c> lines, <c>-</c> continuations) into a
/// <see cref="CtabBuilder"/>; also reads the <c>BEGIN RGROUP</c> blocks that may follow it.</summary>
internal static class V3000Parser
{
    private const string Prefix = "M  V30 ";

    /// <summary>Reads from <c>BEGIN CTAB</c> to <c>END CTAB</c>.</summary>
    public static CtabBuilder ParseCtab(LineCursor lines, List<(int Atom, int Group)>? rgroupAtoms)
    {
        var begin = NextV30(lines, "'M  V30 BEGIN CTAB'");
        if (!begin.Equals("BEGIN CTAB", StringComparison.OrdinalIgnoreCase))
            throw lines.ErrorHere($"expected 'BEGIN CTAB', found '{begin}'");
        var counts = Tokens(lines, NextV30(lines, "'M  V30 COUNTS'"));
        if (counts.Count < 3 || !counts[0].Equals("COUNTS", StringComparison.OrdinalIgnoreCase))
            throw lines.ErrorHere("expected 'COUNTS na nb …'");
        var atomCount = Int(lines, counts[1], "atom count");
        var bondCount = Int(lines, counts[2], "bond count");
        if (atomCount < 0 || bondCount < 0) throw lines.ErrorHere("negative atom or bond count");
        var ctab = new CtabBuilder();
        var atomIds = new Dictionary<int, int>();
        while (true)
        {
            var line = NextV30(lines, "'END CTAB'");
            if (line.Equals("END CTAB", StringComparison.OrdinalIgnoreCase)) break;
            if (line.Equals("BEGIN ATOM", StringComparison.OrdinalIgnoreCase))
            {
                for (var i = 0; i < atomCount; i++)
                    ParseAtom(lines, NextV30(lines, $"atom {i + 1} of {atomCount}"), ctab, atomIds, rgroupAtoms);
                Expect(lines, "END ATOM");
            }
            else if (line.Equals("BEGIN BOND", StringComparison.OrdinalIgnoreCase))
            {
                for (var i = 0; i < bondCount; i++)
                    ParseBond(lines, NextV30(lines, $"bond {i + 1} of {bondCount}"), ctab, atomIds);
                Expect(lines, "END BOND");
            }
            else if (line.StartsWith("BEGIN ", StringComparison.OrdinalIgnoreCase))
            {
                // SGROUP, COLLECTION, OBJ3D, TEMPLATE…: not part of the model.
                var end = "END " + line[6..].Trim().Split(' ')[0];
                while (!NextV30(lines, $"'{end}'").StartsWith(end, StringComparison.OrdinalIgnoreCase)) { }
            }
        }
        if (ctab.Atoms.Count != atomCount)
            throw lines.ErrorHere($"COUNTS announced {atomCount} atoms but the CTAB has no ATOM block");
        return ctab;
    }

    /// <summary>After the core's <c>END CTAB</c>: <c>BEGIN RGROUP n</c> blocks (each with member CTABs),
    /// up to <c>M  END</c>.</summary>
    public static void ParseTail(LineCursor lines, Action<int, CtabBuilder>? member)
    {
        while (true)
        {
            var raw = lines.Next("'M  END'");
            if (raw.StartsWith("M  END", StringComparison.Ordinal)) return;
            if (!raw.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var line = raw[Prefix.Length..].Trim();
            if (!line.StartsWith("BEGIN RGROUP", StringComparison.OrdinalIgnoreCase)) continue;
            var number = Int(lines, line[12..].Trim(), "R-group number");
            while (true)
            {
                var next = lines.Peek();
                if (next is null) throw lines.Error("", lines.LineNumber, "input ended inside an RGROUP block");
                var body = next.StartsWith(Prefix, StringComparison.Ordinal) ? next[Prefix.Length..].Trim() : "";
                if (body.StartsWith("BEGIN CTAB", StringComparison.OrdinalIgnoreCase))
                {
                    var ctab = ParseCtab(lines, null);
                    member?.Invoke(number, ctab);
                    continue;
                }
                lines.Next("RGROUP content");
                if (body.StartsWith("END RGROUP", StringComparison.OrdinalIgnoreCase)) break;
            }
        }
    }

    private static void ParseAtom(LineCursor lines, string line, CtabBuilder ctab, Dictionary<int, int> ids,
        List<(int Atom, int Group)>? rgroupAtoms)
    {
        var t = Tokens(lines, line);
        if (t.Count < 6) throw lines.ErrorHere("atom needs index, type, x, y, z and map number");
        var id = Int(lines, t[0], "atom index");
        var atom = new Atom();
        var type = t[1].Trim('"');
        if (type.StartsWith('[') || type.StartsWith("NOT", StringComparison.OrdinalIgnoreCase))
        {
            atom.Element = 0;
            atom.Label = type.StartsWith("NOT", StringComparison.OrdinalIgnoreCase) ? "!" + type[3..].Trim() : type;
        }
        else if (!AtomSymbols.TryApply(type, atom))
            throw lines.ErrorHere($"unknown atom type '{type}'");
        var at = new Point3(Real(lines, t[2]), Real(lines, t[3]), Real(lines, t[4]));
        atom.AtomMap = Math.Max(0, Int(lines, t[5], "map number"));
        var valence = CtabBuilder.NoValence;
        for (var i = 6; i < t.Count; i++)
        {
            var eq = t[i].IndexOf('=');
            if (eq <= 0) throw lines.ErrorHere($"atom property '{t[i]}' is not KEY=value");
            var key = t[i][..eq].ToUpperInvariant();
            var value = t[i][(eq + 1)..];
            switch (key)
            {
                case "CHG": atom.Charge = Int(lines, value, "CHG"); break;
                case "RAD":
                    var rad = Int(lines, value, "RAD");
                    if (rad is < 0 or > 3) throw lines.ErrorHere($"RAD={rad} is not 0-3");
                    atom.RadicalElectrons = AtomSymbols.RadicalElectrons(rad);
                    break;
                case "MASS":
                    var mass = Int(lines, value, "MASS");
                    if (mass < 0) throw lines.ErrorHere($"MASS={mass} is negative");
                    atom.Isotope = mass;
                    break;
                case "VAL":
                    var val = Int(lines, value, "VAL");
                    if (val == -1) valence = 0;
                    else if (val > 0) valence = val;
                    else if (val != 0) throw lines.ErrorHere($"VAL={val} is not -1 or a valence");
                    break;
                case "RGROUPS":
                    var groups = List(lines, value, "RGROUPS");
                    if (groups.Count > 0)
                    {
                        AtomSymbols.MarkRGroup(atom, groups[0]);
                        rgroupAtoms?.Add((ctab.Atoms.Count, groups[0]));
                    }
                    break;
                case "ATTCHPT":
                    var ap = Int(lines, value, "ATTCHPT");
                    if (ap == -1) ap = 3;
                    if (ap is < 0 or > 3) throw lines.ErrorHere($"ATTCHPT={ap} is not -1 or 0-3");
                    if (ap != 0) ctab.AttachmentPoints.Add((ctab.Atoms.Count, ap));
                    break;
            }
        }
        if (!ids.TryAdd(id, ctab.Atoms.Count)) throw lines.ErrorHere($"atom index {id} used twice");
        var index = ctab.AddAtom(atom, at);
        ctab.Valences[index] = valence;
    }

    private static void ParseBond(LineCursor lines, string line, CtabBuilder ctab, Dictionary<int, int> ids)
    {
        var t = Tokens(lines, line);
        if (t.Count < 4) throw lines.ErrorHere("bond needs index, type and two atoms");
        var order = BondTypes.FromCode(lines, Int(lines, t[1], "bond type"));
        var a = Atom(lines, ids, t[2]);
        var b = Atom(lines, ids, t[3]);
        if (a == b) throw lines.ErrorHere($"bond from atom {t[2]} to itself");
        var bond = new Bond(a, b, order);
        if (order == BondOrder.Aromatic)
        {
            bond.IsAromatic = true;
            ctab.Atoms[a].IsAromatic = true;
            ctab.Atoms[b].IsAromatic = true;
        }
        List<int>? endpoints = null;
        for (var i = 4; i < t.Count; i++)
        {
            var eq = t[i].IndexOf('=');
            if (eq <= 0) throw lines.ErrorHere($"bond property '{t[i]}' is not KEY=value");
            var key = t[i][..eq].ToUpperInvariant();
            var value = t[i][(eq + 1)..];
            if (key == "CFG" && order == BondOrder.Single)
                bond.Wedge = Int(lines, value, "CFG") switch { 1 => BondWedge.Wedge, 2 => BondWedge.Either, 3 => BondWedge.Hash, _ => BondWedge.None };
            else if (key == "CFG" && order == BondOrder.Double && Int(lines, value, "CFG") == 2)
                bond.Wedge = BondWedge.Either; // crossed double bond: cis/trans unknown
            else if (key == "ENDPTS")
                endpoints = List(lines, value, "ENDPTS").ConvertAll(e => Atom(lines, ids, e.ToString(CultureInfo.InvariantCulture)));
        }
        if (endpoints is { Count: > 0 })
        {
            // Position variation: the dummy end of the bond stands for "any one of ENDPTS".
            var star = ctab.Atoms[a].Element == 0 ? a : ctab.Atoms[b].Element == 0 ? b : a;
            ctab.PositionVariations.Add(new PositionVariation(star, endpoints));
        }
        ctab.Bonds.Add(bond);
        ctab.BondLines.Add(lines.LastLineNumber);
    }

    private static int Atom(LineCursor lines, Dictionary<int, int> ids, string token)
    {
        var id = Int(lines, token, "atom index");
        return ids.TryGetValue(id, out var index) ? index : throw lines.ErrorHere($"no atom with index {id}");
    }

    /// <summary>Next V30 line with continuations (<c>-</c> at the end) joined, without the prefix.</summary>
    private static string NextV30(LineCursor lines, string expected)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var raw = lines.Next(expected);
            if (!raw.StartsWith(Prefix, StringComparison.Ordinal))
            {
                if (raw.StartsWith("M  END", StringComparison.Ordinal) || sb.Length == 0)
                    throw lines.ErrorHere($"expected an 'M  V30' line ({expected})");
                throw lines.ErrorHere("continued V30 line is not followed by an 'M  V30' line");
            }
            var body = raw[Prefix.Length..].TrimEnd();
            if (body.EndsWith('-'))
            {
                sb.Append(body, 0, body.Length - 1);
                continue;
            }
            sb.Append(body);
            return sb.ToString().Trim();
        }
    }

    private static void Expect(LineCursor lines, string what)
    {
        var line = NextV30(lines, $"'{what}'");
        if (!line.Equals(what, StringComparison.OrdinalIgnoreCase))
            throw lines.ErrorHere($"expected '{what}', found '{line}'");
    }

    /// <summary>Splits on blanks, keeping parenthesised lists and quoted strings whole.</summary>
    private static List<string> Tokens(LineCursor lines, string line)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        int depth = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (quoted) { sb.Append(c); if (c == '"') quoted = false; continue; }
            if (c == '"') { quoted = true; sb.Append(c); continue; }
            if (c == '(') depth++;
            else if (c == ')') { if (--depth < 0) throw lines.ErrorHere("unbalanced ')'"); }
            if (c == ' ' && depth == 0)
            {
                if (sb.Length > 0) { result.Add(sb.ToString()); sb.Clear(); }
                continue;
            }
            sb.Append(c);
        }
        if (depth != 0 || quoted) throw lines.ErrorHere("unclosed '(' or '\"'");
        if (sb.Length > 0) result.Add(sb.ToString());
        return result;
    }

    /// <summary><c>(n a b …)</c> → [a, b, …], checking that n matches.</summary>
    private static List<int> List(LineCursor lines, string value, string what)
    {
        if (value.Length < 2 || value[0] != '(' || value[^1] != ')')
            throw lines.ErrorHere($"{what} is '{value}', not a '(n …)' list");
        var parts = value[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw lines.ErrorHere($"{what} list is empty");
        var n = Int(lines, parts[0], what + " count");
        if (n != parts.Length - 1) throw lines.ErrorHere($"{what} announces {n} entries but has {parts.Length - 1}");
        var result = new List<int>(n);
        for (var i = 1; i < parts.Length; i++) result.Add(Int(lines, parts[i], what + " entry"));
        return result;
    }

    private static int Int(LineCursor lines, string text, string what) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw lines.ErrorHere($"{what} is '{text}', not an integer");

    private static double Real(LineCursor lines, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw lines.ErrorHere($"coordinate '{text}' is not a number");
}
