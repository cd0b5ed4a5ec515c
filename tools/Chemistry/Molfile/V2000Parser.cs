using System.Globalization;

namespace Sieve.Chemistry.Molfile;

/// <summary>Reads a V2000 connection table (counts line, atom and bond blocks, properties block up to
/// <c>M  END</c>) into a <see cref="CtabBuilder"/>, with RDKit's reading of each field.</summary>
internal static class V2000Parser
{
    public static CtabBuilder Parse(LineCursor lines, string countsLine, List<(int Atom, int Group)>? rgroupAtoms)
    {
        var atomCount = Field(lines, countsLine, 0, 3, "atom count");
        var bondCount = Field(lines, countsLine, 3, 3, "bond count");
        if (atomCount < 0 || bondCount < 0)
            throw lines.ErrorHere("negative atom or bond count");
        var ctab = new CtabBuilder();
        for (var i = 0; i < atomCount; i++)
            ParseAtom(lines, lines.Next($"atom line {i + 1} of {atomCount}"), ctab);
        for (var i = 0; i < bondCount; i++)
            ParseBond(lines, lines.Next($"bond line {i + 1} of {bondCount}"), ctab);
        ParseProperties(lines, ctab, rgroupAtoms);
        return ctab;
    }

    private static void ParseAtom(LineCursor lines, string line, CtabBuilder ctab)
    {
        // RDKit refuses atom lines that end inside the symbol field (before column 34).
        if (line.Length < 34)
            throw lines.ErrorHere("atom line too short: expected coordinates and an atom symbol (columns 1-34)");
        var x = Coordinate(lines, line, 0);
        var y = Coordinate(lines, line, 10);
        var z = Coordinate(lines, line, 20);
        var symbol = Slice(line, 31, 3).Trim();
        var atom = new Atom();
        if (!AtomSymbols.TryApply(symbol, atom))
            throw lines.ErrorHere($"unknown atom symbol '{symbol}'");
        var massDiff = Field(lines, line, 34, 2, "mass difference");
        var chargeCode = Field(lines, line, 36, 3, "charge");
        if (!AtomSymbols.TryV2000Charge(chargeCode, out var charge))
            throw lines.ErrorHere($"charge code {chargeCode} is not 0-7");
        atom.Charge = charge;
        if (massDiff != 0 && atom.Element > 0)
            atom.Isotope = Elements.Get(atom.Element).MostCommonIsotope + massDiff;
        var valence = Field(lines, line, 48, 3, "valence");
        atom.AtomMap = Math.Max(0, Field(lines, line, 60, 3, "atom-atom mapping number"));
        var index = ctab.AddAtom(atom, new Point3(x, y, z));
        if (valence == 15) ctab.Valences[index] = 0;
        else if (valence is > 0 and < 15) ctab.Valences[index] = valence;
        else if (valence != 0) throw lines.ErrorHere($"valence {valence} is not 0-15");
    }

    private static void ParseBond(LineCursor lines, string line, CtabBuilder ctab)
    {
        if (line.Length < 9)
            throw lines.ErrorHere("bond line too short: expected first atom, second atom and bond type");
        var a = AtomIndex(lines, ctab, Field(lines, line, 0, 3, "first atom"));
        var b = AtomIndex(lines, ctab, Field(lines, line, 3, 3, "second atom"));
        if (a == b) throw lines.ErrorHere($"bond from atom {a + 1} to itself");
        var type = Field(lines, line, 6, 3, "bond type");
        var stereo = Field(lines, line, 9, 3, "bond stereo");
        var bond = new Bond(a, b, BondTypes.FromCode(lines, type));
        if (bond.Order == BondOrder.Aromatic)
        {
            bond.IsAromatic = true;
            ctab.Atoms[a].IsAromatic = true;
            ctab.Atoms[b].IsAromatic = true;
        }
        if (bond.Order == BondOrder.Single)
            bond.Wedge = stereo switch { 1 => BondWedge.Wedge, 6 => BondWedge.Hash, 4 => BondWedge.Either, _ => BondWedge.None };
        else if (bond.Order == BondOrder.Double && stereo == 3)
            bond.Wedge = BondWedge.Either; // crossed double bond: cis/trans unknown
        ctab.Bonds.Add(bond);
        ctab.BondLines.Add(lines.LastLineNumber);
    }

    private static void ParseProperties(LineCursor lines, CtabBuilder ctab, List<(int Atom, int Group)>? rgroupAtoms)
    {
        var chargesReset = false;
        while (true)
        {
            var line = lines.Next("properties or 'M  END'");
            if (line.StartsWith("M  END", StringComparison.Ordinal))
                return;
            if (line.StartsWith("A  ", StringComparison.Ordinal))
            {
                var atom = AtomIndex(lines, ctab, Field(lines, line, 3, 3, "alias atom"));
                var alias = lines.Next("atom alias text").Trim();
                if (alias.Length > 0) ctab.Atoms[atom].Label = alias;
                continue;
            }
            if (line.StartsWith("G  ", StringComparison.Ordinal))
            {
                lines.Next("group abbreviation text");
                continue;
            }
            if (line.StartsWith("S  SKP", StringComparison.Ordinal))
            {
                var skip = Field(lines, line, 6, 3, "skip count");
                for (var i = 0; i < skip; i++) lines.Next("skipped line");
                continue;
            }
            if (!line.StartsWith("M  ", StringComparison.Ordinal) || line.Length < 6)
                continue;
            var tag = line.Substring(3, 3);
            switch (tag)
            {
                case "CHG":
                    if (!chargesReset)
                    {
                        // The first M  CHG line supersedes every atom-block charge (as RDKit and the spec).
                        foreach (var a in ctab.Atoms) a.Charge = 0;
                        chargesReset = true;
                    }
                    foreach (var (atom, value) in Pairs(lines, line, ctab))
                        ctab.Atoms[atom].Charge = value;
                    break;
                case "RAD":
                    foreach (var (atom, value) in Pairs(lines, line, ctab))
                    {
                        if (value is < 0 or > 3) throw lines.ErrorHere($"radical code {value} is not 0-3");
                        ctab.Atoms[atom].RadicalElectrons = AtomSymbols.RadicalElectrons(value);
                    }
                    break;
                case "ISO":
                    foreach (var (atom, value) in Pairs(lines, line, ctab))
                    {
                        if (value < 0) throw lines.ErrorHere($"isotope {value} is negative");
                        ctab.Atoms[atom].Isotope = value;
                    }
                    break;
                case "RGP":
                    foreach (var (atom, value) in Pairs(lines, line, ctab))
                    {
                        if (value is < 1 or > 999) throw lines.ErrorHere($"R-group number {value} is not 1-999");
                        AtomSymbols.MarkRGroup(ctab.Atoms[atom], value);
                        rgroupAtoms?.Add((atom, value));
                    }
                    break;
                case "APO":
                    foreach (var (atom, value) in Pairs(lines, line, ctab))
                    {
                        if (value is < 0 or > 3) throw lines.ErrorHere($"attachment point code {value} is not 0-3");
                        if (value != 0) ctab.AttachmentPoints.Add((atom, value));
                    }
                    break;
                case "ALS":
                    ParseAtomList(lines, line, ctab);
                    break;
            }
        }
    }

    /// <summary><c>M  ALS aaannn e 1111 2222 …</c>: the atom becomes a <c>*</c> whose label spells the
    /// list as SMARTS-like text, <c>[C,N,O]</c> or <c>![C,N,O]</c> for an excluding list (the model has
    /// no query atoms).</summary>
    private static void ParseAtomList(LineCursor lines, string line, CtabBuilder ctab)
    {
        var atom = AtomIndex(lines, ctab, Field(lines, line, 7, 3, "atom-list atom"));
        var count = Field(lines, line, 10, 3, "atom-list count");
        if (count is < 1 or > 16) throw lines.ErrorHere($"atom-list count {count} is not 1-16");
        var exclude = Slice(line, 14, 1) == "T";
        var symbols = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var s = Slice(line, 16 + 4 * i, 4).Trim();
            var probe = new Atom();
            if (!AtomSymbols.TryApply(s, probe) || probe.Element == 0)
                throw lines.ErrorHere($"atom list entry '{s}' is not an element");
            symbols.Add(Elements.Symbol(probe.Element));
        }
        var a = ctab.Atoms[atom];
        a.Element = 0;
        a.Label = (exclude ? "![" : "[") + string.Join(',', symbols) + "]";
    }

    private static IEnumerable<(int Atom, int Value)> Pairs(LineCursor lines, string line, CtabBuilder ctab)
    {
        var tokens = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || !int.TryParse(tokens[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 0)
            throw lines.ErrorHere("property line without an entry count");
        if (tokens.Length < 1 + 2 * count)
            throw lines.ErrorHere($"property line announces {count} entries but has {(tokens.Length - 1) / 2}");
        var result = new (int, int)[count];
        for (var i = 0; i < count; i++)
        {
            if (!int.TryParse(tokens[1 + 2 * i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var atom)
                || !int.TryParse(tokens[2 + 2 * i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                throw lines.ErrorHere($"property entry {i + 1} is not two integers");
            result[i] = (AtomIndex(lines, ctab, atom), value);
        }
        return result;
    }

    private static int AtomIndex(LineCursor lines, CtabBuilder ctab, int oneBased)
    {
        if (oneBased < 1 || oneBased > ctab.Atoms.Count)
            throw lines.ErrorHere($"atom number {oneBased} is not between 1 and {ctab.Atoms.Count}");
        return oneBased - 1;
    }

    private static string Slice(string line, int start, int length) =>
        start >= line.Length ? "" : line.Substring(start, Math.Min(length, line.Length - start));

    /// <summary>A fixed-column integer; blank (or past the end of the line) reads as 0.</summary>
    internal static int Field(LineCursor lines, string line, int start, int length, string what)
    {
        var text = Slice(line, start, length).Trim();
        if (text.Length == 0) return 0;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw lines.ErrorHere($"{what} (columns {start + 1}-{start + length}) is '{text}', not an integer");
        return v;
    }

    private static double Coordinate(LineCursor lines, string line, int start)
    {
        var text = Slice(line, start, 10).Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw lines.ErrorHere($"coordinate (columns {start + 1}-{start + 10}) is '{text}', not a number");
        return v;
    }
}
