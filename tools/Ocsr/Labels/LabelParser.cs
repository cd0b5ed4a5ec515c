using System.Text.RegularExpressions;
using Sieve.Chemistry;
using Sieve.Chemistry.Smiles;

namespace Sieve.Ocsr.Labels;

/// <summary>What a drawn label stands for: a fragment whose atom 0 takes every bond drawn to the label.</summary>
internal sealed record LabelFragment(string Text, Molecule Fragment, bool IsMarkush);

/// <summary>Reads atom-label text: element symbols with H counts and charges (<c>NH2</c>, <c>N+</c>, <c>O-</c>),
/// common abbreviations written either way round (<c>OMe</c>/<c>MeO</c>, <c>CO2Et</c>/<c>EtO2C</c>), and Markush
/// labels (<c>R</c>, <c>R1</c>…, <c>R'</c>, <c>X</c>, <c>Y</c>, <c>Z</c>, <c>Ar</c>) as labelled attachment atoms.</summary>
internal static partial class LabelParser
{
    /// <summary>Abbreviation → fragment SMILES whose first atom is where the bond attaches (Kekulé form, so the
    /// fragment is read without perception). Both reading directions are listed where drawings flip them.</summary>
    private static readonly Dictionary<string, string> Abbreviations = Build(
        ("Me", "C"), ("CH3", "C"), ("H3C", "C"), ("Et", "CC"), ("Pr", "CCC"), ("nPr", "CCC"), ("iPr", "C(C)C"),
        ("Bu", "CCCC"), ("nBu", "CCCC"), ("tBu", "C(C)(C)C"), ("iBu", "CC(C)C"), ("nPent", "CCCCC"),
        ("iPent", "CCC(C)C"), ("nHex", "CCCCCC"), ("nHept", "CCCCCCC"), ("nOct", "CCCCCCCC"),
        ("nNon", "CCCCCCCCC"), ("nDec", "CCCCCCCCCC"), ("Ph", "C1=CC=CC=C1"), ("Bn", "CC1=CC=CC=C1"),
        ("Ac", "C(C)=O"), ("Boc", "C(=O)OC(C)(C)C"), ("Ts", "S(=O)(=O)C1=CC=C(C)C=C1"), ("Ms", "S(=O)(=O)C"),
        ("Tf", "S(=O)(=O)C(F)(F)F"), ("OMe|MeO", "OC"), ("OEt|EtO", "OCC"), ("OiBu|iBuO", "OCC(C)C"),
        ("OAc|AcO", "OC(C)=O"), ("OPh|PhO", "OC1=CC=CC=C1"), ("OCF3|F3CO", "OC(F)(F)F"),
        ("CF3|F3C", "C(F)(F)F"), ("CCl3|Cl3C", "C(Cl)(Cl)Cl"), ("CN|NC", "C#N"), ("NO2|O2N", "[N+](=O)[O-]"),
        ("NO|ON", "N=O"), ("CO2H|HO2C|COOH|HOOC", "C(=O)O"), ("CO2Me|MeO2C|COOMe|MeOOC", "C(=O)OC"),
        ("CO2Et|EtO2C|COOEt|EtOOC", "C(=O)OCC"), ("CO2-|-O2C|COO-|-OOC", "C(=O)[O-]"), ("CHO|OHC", "C=O"),
        ("NMe2|Me2N", "N(C)C"), ("NHMe|MeHN|MeNH", "NC"), ("NMe|MeN", "NC"), ("NHAc|AcHN|AcNH", "NC(C)=O"),
        ("NHPh|PhHN|PhNH", "NC1=CC=CC=C1"), ("NCF3|F3CN", "NC(F)(F)F"), ("N(OH)CH3|CH3(OH)N", "N(O)C"),
        ("SMe|MeS", "SC"), ("SO2Me|MeO2S|MeSO2", "S(=O)(=O)C"), ("SO3H|HO3S", "S(=O)(=O)O"),
        ("SO2NH2|H2NO2S", "S(=O)(=O)N"), ("CONH2|H2NOC", "C(N)=O"), ("OCH3|H3CO", "OC"), ("NHBoc|BocHN", "NC(=O)OC(C)(C)C"));

    private static Dictionary<string, string> Build(params (string Names, string Smiles)[] rows)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (names, smiles) in rows)
            foreach (var name in names.Split('|'))
                table[name] = smiles;
        return table;
    }

    private static readonly HashSet<string> Organic =
        ["B", "C", "N", "O", "P", "S", "F", "Cl", "Br", "I", "Si", "Se", "Na", "K", "Li", "Mg", "Al", "Sn", "As", "Ge", "Te", "H"];

    /// <summary>An element with its drawn H count, charge, and mass number written in superscript digits (¹³C,
    /// H¹⁸O, ²H: the label reader writes raised digits before a letter so).</summary>
    [GeneratedRegex(@"^(?:H(?<h1>\d?))?(?<iso>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?(?<el>[A-Z][a-z]?)(?:H(?<h2>\d?))?(?<charge>[+-]\d?|\d?[+-])?$")]
    private static partial Regex ElementLabel();

    [GeneratedRegex(@"^(?:R\d{0,2}'{0,2}|X\d?|Y\d?|Z\d?|Ar\d?|A|Q|W|L)$")]
    private static partial Regex MarkushLabel();

    /// <summary>The fragment a label stands for, or null when the text is not one this parser knows.</summary>
    public static LabelFragment? Parse(string text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (MarkushLabel().IsMatch(text))
        {
            var m = new Molecule();
            m.AddAtom(new Atom { Element = 0, Label = text, IsBracket = true, ExplicitHydrogens = 0 });
            return new LabelFragment(text, m, true);
        }
        if (Abbreviations.TryGetValue(text, out var smiles))
            return new LabelFragment(text, SmilesReader.ParseRaw(smiles), false);
        var match = ElementLabel().Match(text);
        if (!match.Success) return null;
        var symbol = match.Groups["el"].Value;
        if (!Organic.Contains(symbol)) return null;
        var h = match.Groups["h1"].Success ? match.Groups["h1"] : match.Groups["h2"];
        var hCount = !h.Success ? 0 : h.Length == 0 ? 1 : int.Parse(h.Value);
        var charge = ParseCharge(match.Groups["charge"].Value);
        var atom = new Atom { Element = Elements.AtomicNumber(symbol), Charge = charge, Isotope = MassNumber(match.Groups["iso"].Value) };
        if (charge != 0)
        {
            // A drawn charge fixes the atom: its H are the ones drawn, not what the valence model would add.
            atom.IsBracket = true;
            atom.ExplicitHydrogens = hCount;
        }
        var frag = new Molecule();
        frag.AddAtom(atom);
        return new LabelFragment(text, frag, false);
    }

    private static int MassNumber(string superscript) =>
        superscript.Length == 0 ? 0 : int.Parse(string.Concat(superscript.Select(c => (char)('0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".IndexOf(c)))));

    private static int ParseCharge(string s)
    {
        if (s.Length == 0) return 0;
        var sign = s.Contains('+') ? 1 : -1;
        var digits = s.Trim('+', '-');
        return sign * (digits.Length > 0 ? int.Parse(digits) : 1);
    }
}
