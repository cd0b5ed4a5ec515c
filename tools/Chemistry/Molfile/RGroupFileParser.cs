using System.Globalization;

namespace Sieve.Chemistry.Molfile;

/// <summary>R-group query files: the rgfile envelope (<c>$MDL</c>, <c>$HDR</c>, <c>$CTAB</c>, <c>$RGP</c>)
/// or a plain molfile whose V3000 RGROUP blocks define the substituents.</summary>
internal static class RGroupFileParser
{
    public static RGroupQuery Parse(LineCursor lines)
    {
        var definitions = new Dictionary<int, List<Molecule>>();
        void Add(int n, Molecule m)
        {
            if (!definitions.TryGetValue(n, out var list)) definitions[n] = list = [];
            list.Add(m);
        }

        var first = lines.Peek();
        if (first is null || !first.StartsWith("$MDL", StringComparison.Ordinal))
        {
            var plain = MolfileReader.ReadBlock(lines, sanitize: true, Add);
            return new RGroupQuery(plain, definitions);
        }

        lines.Next("'$MDL'");
        Expect(lines, "$MOL");
        Expect(lines, "$HDR");
        var name = lines.Next("the header's name line");
        lines.Next("the header's program line");
        lines.Next("the header's comment line");
        Expect(lines, "$END HDR");
        Expect(lines, "$CTAB");
        var core = MolfileReader.ReadCtab(lines, sanitize: true, Add);
        core.Name = name.TrimEnd();
        Expect(lines, "$END CTAB");
        while (true)
        {
            var line = lines.Next("'$RGP' or '$END MOL'").TrimEnd();
            if (line == "$END MOL") break;
            if (line != "$RGP") throw lines.ErrorHere($"expected '$RGP' or '$END MOL', found '{line}'");
            var numberText = lines.Next("the R-group number").Trim();
            if (!int.TryParse(numberText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 1)
                throw lines.ErrorHere($"R-group number '{numberText}' is not a positive integer");
            while (true)
            {
                var tag = lines.Next("'$CTAB' or '$END RGP'").TrimEnd();
                if (tag == "$END RGP") break;
                if (tag != "$CTAB") throw lines.ErrorHere($"expected '$CTAB' or '$END RGP', found '{tag}'");
                Add(number, MolfileReader.ReadCtab(lines, sanitize: true));
                Expect(lines, "$END CTAB");
            }
        }
        return new RGroupQuery(core, definitions);
    }

    private static void Expect(LineCursor lines, string tag)
    {
        var line = lines.Next($"'{tag}'").TrimEnd();
        if (line != tag) throw lines.ErrorHere($"expected '{tag}', found '{line}'");
    }
}
