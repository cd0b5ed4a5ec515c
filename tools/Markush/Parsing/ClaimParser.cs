using System.Text.RegularExpressions;
using Sieve.Markush.Model;

namespace Sieve.Markush.Parsing;

/// <summary>Turns English claim text into <see cref="Claim"/>s with <see cref="MarkushStructure"/>s. Independent
/// compound claims cite a drawn formula ("a compound of formula (I)"); dependent claims ("The compound of claim 1,
/// wherein R1 is methyl.") inherit their parent's structure and replace the definitions they restate.
/// Clauses that cannot be read are kept in <see cref="MarkushStructure.Unparsed"/>.</summary>
public static partial class ClaimParser
{
    private const string Label = @"(?:R\d+[a-z]?'*|R[a-z]|X\d*|Y\d*|Z\d*|Ar\d*|A\d*|B\d*|L\d*|Q\d*|W\d*|E\d*|D\d*|G\d*|J\d*|M\d*|Het\d*|[mnpqrt])";

    [GeneratedRegex(@"^\s*(\d+)\s*\.\s+", RegexOptions.Multiline)]
    private static partial Regex ClaimStart();

    [GeneratedRegex(@"\bclaims?\s+(\d+(?:\s*(?:,|or|and|to|-)\s*\d+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimRef();

    [GeneratedRegex(@"\bformula\s*\(?\s*([IVXL]+[a-z]?|\d+[a-z]?)\s*\)?", RegexOptions.IgnoreCase)]
    private static partial Regex FormulaRef();

    [GeneratedRegex(@",?\s*(?:or|and)\s+(?:an?\s+)?(?:(?:pharmaceutically|physiologically|pharmacologically|veterinarily)\s+acceptable\s+)?(?:(?:acid|base)\s+addition\s+)?(?:(?:salts?|solvates?|hydrates?|stereoisomers?|tautomers?|enantiomers?|diastereomers?|prodrugs?|esters?|n-oxides?|isomers?)\s*(?:,|or|and|\s)*)+(?:of\s+(?:any\s+of\s+)?)?(?:the\s+foregoing\s+|said\s+\w+\s+)?thereof", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SaltPhrase();

    [GeneratedRegex(@"(?:[,;]\s*|\s)(?:provided\s+that|with\s+the\s+proviso\s+that|with\s+the\s+provisos?\s+that)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ProvisoStart();

    [GeneratedRegex(@"\bwherein\b:?", RegexOptions.IgnoreCase)]
    private static partial Regex Wherein();

    [GeneratedRegex(@"(?:,\s*(?:(?:and|or)\s+)?|\s+and\s+)(?=(?:each\s+(?:of\s+)?)?" + Label + @"(?:\s*(?:,|and)\s*" + Label + @")*\s+(?:is|are|represents|denotes|each|independently|taken|together)\b)")]
    private static partial Regex DefinitionBoundary();

    [GeneratedRegex(@"^(?:or\s+|and\s+)?(?:each\s+(?:of\s+)?)?(" + Label + @"(?:\s*(?:,|and)\s*" + Label + @")*)\s+(?:(?:is|are)\s+(?:each\s+)?(?:independently\s+)?(?:a\s+group\s+)?|represents?\s+|denotes?\s+|each\s+independently\s+(?:is\s+|represents?\s+)?|independently\s+(?:is\s+|represents?\s+)?)(.*)$")]
    private static partial Regex LabelClause();

    [GeneratedRegex(@"^(?:or\s+|alternatively,?\s+)?(" + Label + @")\s+and\s+(" + Label + @"),?\s+(?:taken\s+)?together\s+with\s+the\s+(\w+)\s+atoms?\s+to\s+which\s+they\s+are\s+(?:both\s+)?(?:attached|bonded|bound),?\s+(?:may\s+)?(?:form|forms|represent)\s+(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex JointClause();

    [GeneratedRegex(@"^([a-z])\s+(?:is|represents)\s+(?:an\s+integer\s+)?(?:(?:(?:of|from|ranging\s+from|selected\s+from)\s+)?(?:the\s+group\s+consisting\s+of\s+)?(?<lo>\d+)\s*(?:-|\u2013|to|~)\s*(?<hi>\d+)|between\s+(?<lo>\d+)\s+and\s+(?<hi>\d+))(?:\s*,?\s*inclusive)?\s*$")]
    private static partial Regex CountRange();

    [GeneratedRegex(@"^([a-z])\s+(?:is|represents)\s+(?:an\s+integer\s+)?(?:selected\s+from\s+)?(\d+(?:\s*,\s*\d+)*(?:\s*,?\s*(?:or|and)\s+\d+)?)\s*$")]
    private static partial Regex CountList();

    /// <summary>Parses claim text. <paramref name="formulas"/> maps formula names ("I") to CXSMILES; formulas
    /// not given leave <see cref="MarkushStructure.ScaffoldSmiles"/> empty (the structure is still reported).</summary>
    public static ClaimSet Parse(string text, IReadOnlyDictionary<string, string>? formulas = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        formulas ??= new Dictionary<string, string>();
        var starts = ClaimStart().Matches(text);
        var claims = new List<Claim>();
        for (var i = 0; i < starts.Count; i++)
        {
            var begin = starts[i].Index + starts[i].Length;
            var end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
            var number = int.Parse(starts[i].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var body = TextUtil.Normalize(text[begin..end]);
            claims.Add(ParseClaim(number, body, claims, formulas));
        }
        return new ClaimSet(claims);
    }

    private static Claim ParseClaim(int number, string body, List<Claim> earlier, IReadOnlyDictionary<string, string> formulas)
    {
        var wherein = Wherein().Match(body);
        var preamble = wherein.Success ? body[..wherein.Index] : body;
        var deps = new List<int>();
        var cref = ClaimRef().Match(preamble);
        if (cref.Success) deps = ClaimNumbers(cref.Groups[1].Value).Where(n => n < number).ToList();
        var isCompound = Regex.IsMatch(preamble, @"^\s*(?:an?|the)\s+(?:[\w,-]+\s+){0,3}(?:compounds?|derivatives?)\b", RegexOptions.IgnoreCase);
        if (!isCompound)
            return new Claim { Number = number, Text = body, Kind = ClaimKind.Other, DependsOn = deps };
        if (Regex.IsMatch(body, @"\b(?:which\s+is|selected\s+from\s+the\s+(?:group\s+consisting\s+of\s+the\s+)?following|is\s+selected\s+from\s+the\s+group\s+consisting\s+of\s*:)", RegexOptions.IgnoreCase) && !wherein.Success)
            return new Claim { Number = number, Text = body, Kind = ClaimKind.Species, DependsOn = deps };

        var fm = FormulaRef().Match(preamble);
        string? formula = fm.Success ? fm.Groups[1].Value : null;
        MarkushStructure? parent = null;
        foreach (var d in deps)
        {
            var pc = earlier.Find(c => c.Number == d);
            if (pc?.Structure is not null) { parent = pc.Structure; break; }
        }
        formula ??= parent?.FormulaName;
        if (formula is null)
            return new Claim { Number = number, Text = body, Kind = ClaimKind.Other, DependsOn = deps };

        var structure = parent is not null && parent.FormulaName == formula
            ? parent
            : new MarkushStructure { FormulaName = formula, ScaffoldSmiles = formulas.TryGetValue(formula, out var smi) ? smi : "" };
        if (parent is not null && parent.FormulaName != formula)
            structure = structure with
            {
                Definitions = parent.Definitions, Counts = parent.Counts, JointRings = parent.JointRings,
                Provisos = parent.Provisos, UnparsedProvisos = parent.UnparsedProvisos, Unparsed = parent.Unparsed,
                IncludesSalts = parent.IncludesSalts, IncludesSolvates = parent.IncludesSolvates, IncludesStereoisomers = parent.IncludesStereoisomers,
            };

        // Salt language may sit before or after "wherein".
        var salts = structure.IncludesSalts; var solv = structure.IncludesSolvates; var stereo = structure.IncludesStereoisomers;
        foreach (Match sm in SaltPhrase().Matches(body))
        {
            var w = sm.Value.ToLowerInvariant();
            salts |= w.Contains("salt", StringComparison.Ordinal);
            solv |= w.Contains("solvate", StringComparison.Ordinal) || w.Contains("hydrate", StringComparison.Ordinal);
            stereo |= w.Contains("isomer", StringComparison.Ordinal) || w.Contains("enantiomer", StringComparison.Ordinal);
        }
        structure = structure with { IncludesSalts = salts, IncludesSolvates = solv, IncludesStereoisomers = stereo };
        if (!wherein.Success)
            return new Claim { Number = number, Text = body, Kind = ClaimKind.Compound, DependsOn = deps, FormulaName = formula, Structure = structure };

        var defs = SaltPhrase().Replace(body[(wherein.Index + wherein.Length)..], "").Trim().TrimEnd('.').Trim();
        structure = ApplyDefinitions(structure, defs);
        return new Claim { Number = number, Text = body, Kind = ClaimKind.Compound, DependsOn = deps, FormulaName = formula, Structure = structure };
    }

    private static List<int> ClaimNumbers(string text)
    {
        var nums = new List<int>();
        var rangeMatch = Regex.Match(text, @"^(\d+)\s*(?:to|-)\s*(\d+)$");
        if (rangeMatch.Success)
        {
            int a = int.Parse(rangeMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), b = int.Parse(rangeMatch.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            for (var n = a; n <= b && n - a < 200; n++) nums.Add(n);
            return nums;
        }
        foreach (Match m in Regex.Matches(text, @"\d+")) nums.Add(int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture));
        return nums;
    }

    /// <summary>Reads the "wherein" part and layers it over <paramref name="s"/> (a parent claim's structure or a fresh one).</summary>
    internal static MarkushStructure ApplyDefinitions(MarkushStructure s, string text)
    {
        var defs = new Dictionary<string, VariableDefinition>(s.Definitions);
        var counts = new Dictionary<string, CountVariable>(s.Counts);
        var joints = new List<JointRingDefinition>(s.JointRings);
        var provisos = new List<Proviso>(s.Provisos);
        var unparsedProvisos = new List<string>(s.UnparsedProvisos);
        var unparsed = new List<string>(s.Unparsed);

        var protectedText = GroupPhraseParser.Protect(text);
        var pm = ProvisoStart().Match(protectedText);
        if (pm.Success)
        {
            var provisoText = protectedText[(pm.Index + pm.Length)..];
            protectedText = protectedText[..pm.Index];
            foreach (var p in Regex.Split(provisoText, @";\s*(?:and\s+)?(?:provided\s+(?:further\s+)?that\s+)?|,\s*and\s+(?:provided\s+)?that\s+"))
            {
                var pt = p.Trim().TrimEnd('.', ';').Trim();
                if (pt.Length == 0) continue;
                var parsed = ParseProviso(pt);
                if (parsed is null) unparsedProvisos.Add(TextUtil.Unprotect(pt)); else provisos.Add(parsed);
            }
        }
        var clauses = new List<string>();
        foreach (var semi in TextUtil.SplitTopLevel(protectedText, ';'))
        {
            var depths = TextUtil.Depths(semi);
            var start = 0;
            foreach (Match b in DefinitionBoundary().Matches(semi))
            {
                if (depths[b.Index] != 0 || b.Index <= start) continue;
                clauses.Add(semi[start..b.Index]);
                start = b.Index + b.Length;
            }
            clauses.Add(semi[start..]);
        }
        // "R1 and R2 are …" was cut at its "and": glue a clause that is only labels onto the next one.
        for (var i = clauses.Count - 2; i >= 0; i--)
        {
            var bare = Regex.Replace(clauses[i].Trim().TrimEnd(','), @"^(?:or|and)\s+", "");
            if (Regex.IsMatch(bare, "^(?:each\\s+(?:of\\s+)?)?" + Label + @"(?:\s*,\s*" + Label + ")*$"))
            {
                clauses[i] = clauses[i].TrimEnd().TrimEnd(',') + " and " + clauses[i + 1].TrimStart();
                clauses.RemoveAt(i + 1);
            }
        }
        foreach (var raw in clauses)
        {
            var clause = raw.Trim().TrimEnd('.', ',').Trim();
            clause = Regex.Replace(clause, @"^(?:and|or)\s+(?=" + Label + @"\s)", "");
            if (clause.Length == 0) continue;
            var jm = JointClause().Match(clause);
            if (jm.Success)
            {
                var joint = ParseJoint([jm.Groups[1].Value, jm.Groups[2].Value], jm.Groups[4].Value, clause);
                if (joint is null) unparsed.Add(TextUtil.Unprotect(clause)); else joints.Add(joint);
                continue;
            }
            var cr = CountRange().Match(clause);
            if (cr.Success)
            {
                counts[cr.Groups[1].Value] = new CountVariable(cr.Groups[1].Value, int.Parse(cr.Groups["lo"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(cr.Groups["hi"].Value, System.Globalization.CultureInfo.InvariantCulture), TextUtil.Unprotect(clause));
                continue;
            }
            var cl = CountList().Match(clause);
            if (cl.Success)
            {
                var ns = Regex.Matches(cl.Groups[2].Value, @"\d+").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                counts[cl.Groups[1].Value] = new CountVariable(cl.Groups[1].Value, ns.Min(), ns.Max(), TextUtil.Unprotect(clause)) { Values = [.. ns.Distinct().Order()] };
                continue;
            }
            var lm = LabelClause().Match(clause);
            if (lm.Success)
            {
                var labels = Regex.Matches(lm.Groups[1].Value, Label).Select(m => m.Value).ToList();
                var alts = GroupPhraseParser.ParseList(lm.Groups[2].Value);
                if (alts.Count == 0) { unparsed.Add(TextUtil.Unprotect(clause)); continue; }
                foreach (var l in labels)
                {
                    defs[l] = new VariableDefinition(l, alts, TextUtil.Unprotect(clause));
                    // A restated definition replaces any joint-ring alternative involving it (dependent claims narrow).
                    if (!ReferenceEquals(s.Definitions, defs)) joints.RemoveAll(j => j.Labels.Contains(l) && s.JointRings.Contains(j));
                }
                continue;
            }
            unparsed.Add(TextUtil.Unprotect(clause));
        }
        return s with
        {
            Definitions = defs, Counts = counts, JointRings = joints, Provisos = provisos,
            UnparsedProvisos = unparsedProvisos, Unparsed = unparsed,
        };
    }

    private static JointRingDefinition? ParseJoint(IReadOnlyList<string> labels, string rest, string clause)
    {
        List<int> sizes = [];
        var sm = Regex.Match(rest, @"\[size:(\d+)([|~])(\d+)\]");
        if (sm.Success)
        {
            int a = int.Parse(sm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), b = int.Parse(sm.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            sizes = sm.Groups[2].Value == "|" ? [a, b] : [.. Enumerable.Range(a, Math.Max(0, b - a + 1))];
        }
        else
        {
            var one = Regex.Match(rest, @"(\d+)-membered");
            if (!one.Success) return null;
            sizes = [int.Parse(one.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
        }
        var extra = 0;
        List<int> extraKinds = [];
        var em = Regex.Match(rest, @"(?:containing|having|comprising)\s+(?:\[het:(\d+)~(\d+):([\d.]*)\]|(\w+)\s+(?:additional|further|other)\s+hetero\s*-?atoms?(?:\s+selected\s+from\s+([^,]*?)(?=,|\s+(?:and\s+)?(?:which\s+is\s+)?(?:optionally|substituted)|$))?)", RegexOptions.IgnoreCase);
        if (em.Success)
        {
            if (em.Groups[2].Success)
            {
                extra = int.Parse(em.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (em.Groups[3].Value.Length > 0) extraKinds = [.. em.Groups[3].Value.Split('.').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture))];
            }
            else
            {
                extra = TextUtil.Number(em.Groups[4].Value) ?? 1;
                foreach (Match k in Regex.Matches(em.Groups[5].Value, @"\b(N|O|S|nitrogen|oxygen|sulfur|sulphur)\b", RegexOptions.IgnoreCase))
                    extraKinds.Add(k.Value.ToLowerInvariant() switch { "n" or "nitrogen" => 7, "o" or "oxygen" => 8, _ => 16 });
            }
            if (extraKinds.Count == 0) extraKinds = [7, 8, 16];
        }
        else if (Regex.IsMatch(rest, @"\bhetero\s*atoms?\b", RegexOptions.IgnoreCase)) return null;
        Substitution? sub = null;
        var subm = Regex.Match(rest, @"(optionally\s+)?substituted\s+(?=with|by)", RegexOptions.IgnoreCase);
        if (subm.Success)
        {
            sub = GroupPhraseParser.ParseSubstitution(rest[(subm.Index + subm.Length)..], subm.Groups[1].Success);
            if (sub is null) return null;
        }
        var aromatic = !Regex.IsMatch(rest, @"\bsaturated\b", RegexOptions.IgnoreCase);
        return new JointRingDefinition(labels, sizes, extra, extraKinds, aromatic, sub, TextUtil.Unprotect(clause));
    }

    private static Proviso? ParseProviso(string text)
    {
        var t = text.Trim();
        var both = Regex.Match(t, @"^(" + Label + @")\s+and\s+(" + Label + @")\s+are\s+not\s+both\s+(.+)$");
        if (both.Success)
        {
            var alts = GroupPhraseParser.ParseList(both.Groups[3].Value);
            if (alts.Any(a => a is UnparsedGroup)) return null;
            return new Proviso(new Dictionary<string, IReadOnlyList<GroupSpec>> { [both.Groups[1].Value] = alts, [both.Groups[2].Value] = alts }, t);
        }
        var when = Regex.Match(t, @"^when\s+(" + Label + @")\s+is\s+(.+?),\s*(?:then\s+)?(" + Label + @")\s+is\s+not\s+(.+)$");
        if (when.Success)
        {
            var a1 = GroupPhraseParser.ParseList(when.Groups[2].Value);
            var a2 = GroupPhraseParser.ParseList(when.Groups[4].Value);
            if (a1.Concat(a2).Any(a => a is UnparsedGroup)) return null;
            return new Proviso(new Dictionary<string, IReadOnlyList<GroupSpec>> { [when.Groups[1].Value] = a1, [when.Groups[3].Value] = a2 }, t);
        }
        var not = Regex.Match(t, @"^(" + Label + @")\s+is\s+not\s+(.+)$");
        if (not.Success)
        {
            var alts = GroupPhraseParser.ParseList(not.Groups[2].Value);
            if (alts.Any(a => a is UnparsedGroup)) return null;
            return new Proviso(new Dictionary<string, IReadOnlyList<GroupSpec>> { [not.Groups[1].Value] = alts }, t);
        }
        return null;
    }
}
