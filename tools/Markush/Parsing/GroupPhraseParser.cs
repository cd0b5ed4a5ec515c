using System.Text.RegularExpressions;
using Sieve.Markush.Model;

namespace Sieve.Markush.Parsing;

/// <summary>Reads a definition list ("selected from the group consisting of hydrogen, C1-6 alkyl optionally
/// substituted with one or more halogen, and phenyl") into <see cref="GroupSpec"/> alternatives. Words it
/// cannot read become <see cref="UnparsedGroup"/> items, never dropped.</summary>
internal static partial class GroupPhraseParser
{
    private const string Hetero = @"(?:N|O|S|nitrogen|oxygen|sulfur|sulphur)";

    [GeneratedRegex(@"^(?:is|are|represents?|denotes?)?\s*(?:each\s+)?(?:independently\s+)?(?:(?:is|are)\s+)?(?:selected\s+from\s*|chosen\s+from\s*)?(?:the\s+group\s+consisting\s+of\s*|the\s+group\s+of\s*)?:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ListPrefix();

    [GeneratedRegex(@",?\s*(?:each|both|all)\s+(?:of\s+which\s+)?(?:(?:is|are|being)\s+)?(?:independently\s+)?(optionally\s+)?substituted\s+", RegexOptions.IgnoreCase)]
    private static partial Regex EachSubstituted();

    [GeneratedRegex(@"\b(optionally\s+)?substituted\s+(?=with|by|on)", RegexOptions.IgnoreCase)]
    private static partial Regex Substituted();

    [GeneratedRegex(@"^(?:with|by|on\s+\w+\s+with)\s+(?:(one_or_more|1~2|1~3|one or more|one or two|one to three|one to four|one to five|one, two or three|1 to 3|1-3|1 to 2|1-2|1 or 2|1 to 4|1-4|1 to 5|1-5|up to \w+|one|two|three|four|\d+)\s+)?(?:(?:groups?|substituents?|radicals?|moieties)\s+)?(?:independently\s+)?(?:(?:selected|chosen)\s+from\s+)?(?:the\s+group\s+consisting\s+of\s+)?:?\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SubstitutionBody();

    [GeneratedRegex(@",\s*(?:(?:and|or)\s+)?(?=an?\s)", RegexOptions.IgnoreCase)]
    private static partial Regex OuterItem();

    [GeneratedRegex(@"\s*,\s*(?:and|or)\s+|\s*,\s*|\s+(?:and|or)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ItemSeparator();

    [GeneratedRegex(@"(\d+)-?\s*or\s*(\d+)-membered", RegexOptions.IgnoreCase)]
    private static partial Regex SizeOr();

    [GeneratedRegex(@"(\d+)-?\s*to\s*(\d+)-membered", RegexOptions.IgnoreCase)]
    private static partial Regex SizeTo();

    [GeneratedRegex(@"(?:containing|having|comprising|with)\s+(?:from\s+)?([\w~]+)(?:\s*(?:to|-|or)\s*(\w+))?\s+(?:ring\s+)?hetero\s*-?atoms?(?:\s+(?:independently\s+)?(?:selected|chosen)\s+from\s+(?:the\s+group\s+consisting\s+of\s+)?(" + Hetero + @"(?:\s*,\s*" + Hetero + @")*(?:\s*,?\s*(?:and|or)\s+" + Hetero + @")?))?", RegexOptions.IgnoreCase)]
    private static partial Regex HeteroPhrase();

    [GeneratedRegex(@"(?:containing|having)\s+([\w~]+)(?:\s*(?:to|-|or)\s*(\w+))?\s+(nitrogen|oxygen|sulfur|sulphur)\s+atoms?", RegexOptions.IgnoreCase)]
    private static partial Regex HeteroSingleKind();

    /// <summary>Protects phrases whose commas and "or"s are not list separators, and turns them into tokens the
    /// item reader understands.</summary>
    public static string Protect(string text)
    {
        text = TextUtil.Normalize(text);
        text = Regex.Replace(text, @"straight[- ]?(?:chain(?:ed)?)?\s+or\s+branched(?:[- ]chain(?:ed)?)?", "straight_or_branched", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"\bone or more\b", "one_or_more", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"\b(one|1) or (two|2)\b(?=\s+(?:groups?|substituents?|hetero|nitrogen|oxygen|sulfur|halogen|[A-Za-z]))", "1~2", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"\bone, two or three\b", "1~3", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"\bmono-\s*or\s*di-?", "monodi", RegexOptions.IgnoreCase);
        text = SizeOr().Replace(text, m => $"[size:{m.Groups[1].Value}|{m.Groups[2].Value}]");
        text = SizeTo().Replace(text, m => $"[size:{m.Groups[1].Value}~{m.Groups[2].Value}]");
        text = HeteroPhrase().Replace(text, m => HeteroToken(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
        text = HeteroSingleKind().Replace(text, m => HeteroToken(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
        return text;
    }

    private static string HeteroToken(string from, string to, string kinds)
    {
        if (from.Contains('~', StringComparison.Ordinal)) { var p = from.Split('~'); from = p[0]; to = p[1]; }
        var min = TextUtil.Number(from) ?? 1;
        var max = to.Length > 0 ? TextUtil.Number(to) ?? min : min;
        var z = new List<int>();
        foreach (Match k in Regex.Matches(kinds, @"\b(N|O|S|nitrogen|oxygen|sulfur|sulphur)\b", RegexOptions.IgnoreCase))
            z.Add(k.Value.ToLowerInvariant() switch { "n" or "nitrogen" => 7, "o" or "oxygen" => 8, _ => 16 });
        return $"[het:{min}~{max}:{string.Join('.', z)}]";
    }

    public static List<GroupSpec> ParseList(string text)
    {
        text = ListPrefix().Replace(TextUtil.Normalize(text).TrimEnd('.', ';', ',').Trim(), "", 1).Trim();
        var result = new List<GroupSpec>();
        if (text.Length == 0) return result;
        var depths = TextUtil.Depths(text);

        // "..., each optionally substituted with ..." applies to every item before it.
        foreach (Match each in EachSubstituted().Matches(text))
        {
            if (depths[each.Index] != 0) continue;
            var sub = ParseSubstitution(text[(each.Index + each.Length)..], each.Groups[1].Success);
            foreach (var item in ParseList(text[..each.Index]))
                result.Add(sub is null ? item : WithSubstitution(item, sub));
            return result;
        }
        // A nested "substituted with <list>" takes the rest of the list (claims rarely nest otherwise).
        foreach (Match s in Substituted().Matches(text))
        {
            if (depths[s.Index] != 0) continue;
            var head = SplitItems(text[..s.Index]);
            var tail = text[(s.Index + s.Length)..];
            // "… optionally substituted with C1-4 alkyl, a 5-membered ring, or an azabicycloalkyl group": an item that
            // starts with an article after a comma is back in the outer list.
            string? outer = null;
            var tailDepths = TextUtil.Depths(tail);
            foreach (Match back in OuterItem().Matches(tail))
            {
                if (tailDepths[back.Index] != 0) continue;
                outer = tail[(back.Index + back.Length)..];
                tail = tail[..back.Index];
                break;
            }
            // Without "selected from" a nested list is one item: "C1-4 alkyl optionally substituted with halogen,
            // C3-6 cycloalkyl, or phenyl" gives the alkyl only halogen.
            if (outer is null)
            {
                var sepDepths = TextUtil.Depths(tail);
                foreach (Match sep in ItemSeparator().Matches(tail))
                {
                    if (sepDepths[sep.Index] != 0) continue;
                    if (Regex.IsMatch(tail[..sep.Index], @"\b(?:selected|chosen)\s+from\b|\bconsisting\s+of\b", RegexOptions.IgnoreCase)) break;
                    outer = tail[(sep.Index + sep.Length)..];
                    tail = tail[..sep.Index];
                    break;
                }
            }
            var sub = ParseSubstitution(tail, s.Groups[1].Success);
            for (var i = 0; i < head.Count; i++)
            {
                var g = ParseItem(head[i]);
                if (i == head.Count - 1)
                    g = sub is null ? new UnparsedGroup { Text = TextUtil.Unprotect(head[i] + " " + text[s.Index..]) } : WithSubstitution(g, sub);
                result.Add(g);
            }
            if (outer is not null) result.AddRange(ParseList(outer));
            return result;
        }
        foreach (var item in SplitItems(text)) result.Add(ParseItem(item));
        return result;
    }

    private static List<string> SplitItems(string text)
    {
        var items = new List<string>();
        var depths = TextUtil.Depths(text);
        var start = 0;
        foreach (Match m in ItemSeparator().Matches(text))
        {
            if (depths[m.Index] != 0) continue;
            if (m.Index > start) items.Add(text[start..m.Index].Trim());
            start = m.Index + m.Length;
        }
        if (start < text.Length) items.Add(text[start..].Trim());
        items.RemoveAll(s => s.Length == 0);
        return items;
    }

    internal static Substitution? ParseSubstitution(string rest, bool optional)
    {
        var m = SubstitutionBody().Match(rest.Trim());
        if (!m.Success) return null;
        var (min, max) = m.Groups[1].Value.ToLowerInvariant() switch
        {
            "" or "one_or_more" or "one or more" => (1, (int?)null),
            "1~2" or "one or two" or "1 or 2" or "1 to 2" or "1-2" => (1, 2),
            "1~3" or "one to three" or "1 to 3" or "1-3" or "one, two or three" => (1, 3),
            "one to four" or "1 to 4" or "1-4" => (1, 4),
            "one to five" or "1 to 5" or "1-5" => (1, 5),
            var w when w.StartsWith("up to", StringComparison.Ordinal) => (1, TextUtil.Number(w[6..].Trim())),
            var w => (TextUtil.Number(w) ?? 1, TextUtil.Number(w) ?? 1),
        };
        if (m.Groups[1].Value == "one_or_more") (min, max) = (1, null);
        var body = Regex.Replace(m.Groups[2].Value, @"\s+atoms?$", "", RegexOptions.IgnoreCase);
        var allowed = ParseList(body);
        if (allowed.Count == 0) return null;
        return new Substitution(optional ? 0 : min, max, allowed);
    }

    private static GroupSpec WithSubstitution(GroupSpec g, Substitution s) => g switch
    {
        GenericGroup gg => gg with { Substitution = s, Text = gg.Text + " (substituted)" },
        FragmentGroup f => f with { Substitution = s, Text = f.Text + " (substituted)" },
        _ => new UnparsedGroup { Text = g.Text + " substituted with …" },
    };

    /// <summary>One alternative: hydrogen, a named group, a generic group, a ring atom or a linker.</summary>
    public static GroupSpec ParseItem(string raw)
    {
        var text = raw.Trim().TrimEnd('.', ',', ';').Trim();
        var spec = ParseItemProtected(text);
        return spec with { Text = TextUtil.Unprotect(spec.Text) };
    }

    private static GroupSpec ParseItemProtected(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower is "hydrogen" or "h" or "a hydrogen atom" or "hydrogen atom") return new HydrogenGroup { Text = text };
        if (lower is "a bond" or "a direct bond" or "a single bond" or "bond" or "absent")
            return new LinkerGroup { Text = text, Smiles = "" };
        var linker = Linker(text);
        if (linker is not null) return linker;
        var ringAtom = GroupCatalogue.RingAtom(text);
        if (ringAtom is not null && text is not ("F" or "I")) return ringAtom;
        var name = Regex.Replace(lower, @"^(?:an?|the)\s+", "");
        name = Regex.Replace(name, @"\s+(?:group|radical|atom)$", "");
        if (GroupCatalogue.TryGetNamed(name, out var smiles, out var any))
            return new FragmentGroup { Text = text, Name = name, Smiles = smiles, AnyPosition = any };
        return Generic(text) ?? (GroupSpec)new UnparsedGroup { Text = text };
    }

    private static LinkerGroup? Linker(string text)
    {
        var t = text.Trim();
        var rep = Regex.Match(t, @"^-?\(CH2\)([a-z])-?$");
        if (rep.Success) return new LinkerGroup { Text = t, Smiles = "C", RepeatVariable = rep.Groups[1].Value };
        if (!(t.StartsWith('-') && t.EndsWith('-') && t.Length > 2)) return null;
        var core = t[1..^1];
        var smiles = core switch
        {
            "CH2" => "*C*", "CH2CH2" or "(CH2)2" => "*CC*", "(CH2)3" => "*CCC*", "O" => "*O*", "S" => "*S*", "NH" => "*N*",
            "C(O)" or "C(=O)" or "CO" => "*C(=O)*", "SO2" or "S(O)2" => "*S(=O)(=O)*", "OCH2" => "*OC*", "CH2O" => "*CO*",
            "C(O)NH" or "C(=O)NH" or "CONH" => "*C(=O)N*", "NHC(O)" or "NHC(=O)" or "NHCO" => "*NC(=O)*", "CH=CH" => "*C=C*",
            _ => null,
        };
        return smiles is null ? null : new LinkerGroup { Text = t, Smiles = smiles };
    }

    private static readonly (string Word, GenericKind Kind)[] Words =
    [
        ("dialkylamino", GenericKind.Dialkylamino), ("monodialkylamino", GenericKind.Dialkylamino),
        ("alkoxycarbonyl", GenericKind.Alkoxycarbonyl), ("alkyloxycarbonyl", GenericKind.Alkoxycarbonyl),
        ("alkylsulfonyl", GenericKind.Alkylsulfonyl), ("alkanesulfonyl", GenericKind.Alkylsulfonyl), ("alkylsulphonyl", GenericKind.Alkylsulfonyl),
        ("alkylamino", GenericKind.Alkylamino), ("alkylthio", GenericKind.Alkylthio), ("alkylsulfanyl", GenericKind.Alkylthio),
        ("haloalkoxy", GenericKind.Haloalkoxy), ("fluoroalkoxy", GenericKind.Haloalkoxy), ("haloalkyl", GenericKind.Haloalkyl),
        ("fluoroalkyl", GenericKind.Haloalkyl), ("hydroxyalkyl", GenericKind.Hydroxyalkyl), ("arylalkyl", GenericKind.Arylalkyl),
        ("aralkyl", GenericKind.Arylalkyl), ("phenylalkyl", GenericKind.Arylalkyl),
        ("alkoxy", GenericKind.Alkoxy), ("alkyloxy", GenericKind.Alkoxy), ("alkenyl", GenericKind.Alkenyl), ("alkynyl", GenericKind.Alkynyl),
        ("cycloalkenyl", GenericKind.Cycloalkenyl), ("cycloalkyl", GenericKind.Cycloalkyl),
        ("heteroaryl", GenericKind.Heteroaryl), ("heteroaromaticring", GenericKind.Heteroaryl), ("heteroaromatic", GenericKind.Heteroaryl),
        ("heterocycloalkyl", GenericKind.Heterocyclyl), ("heterocyclyl", GenericKind.Heterocyclyl), ("heterocyclicring", GenericKind.Heterocyclyl),
        ("heterocyclicgroup", GenericKind.Heterocyclyl), ("heterocycle", GenericKind.Heterocyclyl), ("heterocyclic", GenericKind.Heterocyclyl),
        ("carbocyclyl", GenericKind.Carbocyclyl), ("carbocyclicring", GenericKind.Carbocyclyl),
        ("alkanoyl", GenericKind.Acyl), ("alkylcarbonyl", GenericKind.Acyl), ("acyl", GenericKind.Acyl),
        ("aryl", GenericKind.Aryl), ("alkyl", GenericKind.Alkyl),
        ("halogen", GenericKind.Halogen), ("halo", GenericKind.Halogen),
        ("hydroxy", GenericKind.Hydroxy), ("hydroxyl", GenericKind.Hydroxy), ("oh", GenericKind.Hydroxy),
        ("amino", GenericKind.Amino), ("nh2", GenericKind.Amino), ("nitro", GenericKind.Nitro), ("no2", GenericKind.Nitro),
        ("cyano", GenericKind.Cyano), ("cn", GenericKind.Cyano), ("nitrile", GenericKind.Cyano),
        ("carboxy", GenericKind.Carboxy), ("carboxyl", GenericKind.Carboxy), ("cooh", GenericKind.Carboxy), ("carboxylicacid", GenericKind.Carboxy),
        ("co2h", GenericKind.Carboxy),
        ("carbamoyl", GenericKind.Carbamoyl), ("aminocarbonyl", GenericKind.Carbamoyl), ("carboxamide", GenericKind.Carbamoyl),
        ("sulfamoyl", GenericKind.Sulfamoyl), ("aminosulfonyl", GenericKind.Sulfamoyl), ("sulphamoyl", GenericKind.Sulfamoyl),
        ("oxo", GenericKind.Oxo),
    ];

    [GeneratedRegex(@"\(?\bC\s*(\d+)\s*(?:-|to|~)\s*C?\s*(\d+)\s*\)?", RegexOptions.None)]
    private static partial Regex CarbonRange();

    [GeneratedRegex(@"\(?\bC(\d+)\)?(?![\d-])", RegexOptions.None)]
    private static partial Regex CarbonSingle();

    [GeneratedRegex(@"(?:of|having|containing|with)\s+(\d+)\s*(?:to|-)\s*(\d+)\s+carbon\s+atoms?", RegexOptions.IgnoreCase)]
    private static partial Regex CarbonWords();

    private static GenericGroup? Generic(string text)
    {
        var t = text;
        int? min = null, max = null;
        var cm = CarbonWords().Match(t);
        if (!cm.Success) cm = CarbonRange().Match(t);
        if (cm.Success)
        {
            min = int.Parse(cm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            max = int.Parse(cm.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            t = t.Remove(cm.Index, cm.Length);
        }
        else
        {
            var cs = CarbonSingle().Match(t);
            if (cs.Success)
            {
                min = max = int.Parse(cs.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                t = t.Remove(cs.Index, cs.Length);
            }
        }
        var lower = t.ToLowerInvariant();
        if (Regex.IsMatch(lower, @"\blower\b")) { min ??= 1; max ??= 6; lower = lower.Replace("lower", "", StringComparison.Ordinal); }
        var shape = ChainShape.Any;
        if (lower.Contains("straight_or_branched", StringComparison.Ordinal)) lower = lower.Replace("straight_or_branched", "", StringComparison.Ordinal);
        else if (Regex.IsMatch(lower, @"\b(straight|linear|unbranched)\b")) shape = ChainShape.Straight;
        else if (Regex.IsMatch(lower, @"\bbranched\b")) shape = ChainShape.Branched;
        lower = Regex.Replace(lower, @"\b(straight|linear|unbranched|branched)(-?chain(ed)?)?\b", "");

        List<int>? sizes = null;
        var sm = Regex.Match(lower, @"\[size:(\d+)([|~])(\d+)\]");
        if (sm.Success)
        {
            int a = int.Parse(sm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), b = int.Parse(sm.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            sizes = sm.Groups[2].Value == "|" ? [a, b] : [.. Enumerable.Range(a, Math.Max(0, b - a + 1))];
            lower = lower.Remove(sm.Index, sm.Length);
        }
        else
        {
            var one = Regex.Match(lower, @"(\d+)-membered");
            if (one.Success) { sizes = [int.Parse(one.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]; lower = lower.Remove(one.Index, one.Length); }
        }
        int? hmin = null, hmax = null;
        List<int>? hz = null;
        var hm = Regex.Match(lower, @"\[het:(\d+)~(\d+):([\d.]*)\]");
        if (hm.Success)
        {
            hmin = int.Parse(hm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            hmax = int.Parse(hm.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (hm.Groups[3].Value.Length > 0) hz = [.. hm.Groups[3].Value.Split('.').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
            lower = lower.Remove(hm.Index, hm.Length);
        }
        var mono = Regex.IsMatch(lower, @"\bmonocyclic\b");
        List<int>? halogens = null;
        if (Regex.IsMatch(lower, @"fluoro(alkyl|alkoxy)")) halogens = [9];
        var fused = Regex.Replace(lower, @"\b(an?|the|monocyclic|saturated|aromatic(?= ring)|group|groups|radical|atoms?|moiety|mono|each|independently|unsubstituted)\b", "");
        fused = Regex.Replace(fused, @"[\s()\-_,]", "");
        foreach (var (word, kind) in Words)
        {
            if (fused != word) continue;
            // "halo-C1-6 alkyl" / "C1-6 alkyl substituted by halogen" style is handled by the caller; "halo" before alkyl here.
            return new GenericGroup
            {
                Text = text.Trim(), Group = kind, MinCarbons = min, MaxCarbons = max, Shape = shape, RingSizes = sizes,
                Monocyclic = mono, MinHeteroatoms = hmin, MaxHeteroatoms = hmax, HeteroElements = halogens ?? hz,
            };
        }
        return null;
    }
}
