using CsCheck;
using Sieve.Chemistry.Molfile;

namespace Sieve.Chemistry.Tests.Molfile;

/// <summary>Bad input: only <see cref="MolfileParseException"/>, naming the 1-based line.</summary>
public class MolfileErrorTests
{
    private const string Good =
        "name\n  prog\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n" +
        "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "    1.0000    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "  1  2  1  0\nM  CHG  1   2  -1\nM  END\n";

    private static MolfileParseException Fails(string text) =>
        Assert.Throws<MolfileParseException>(() => MolfileReader.ReadRaw(text));

    [Fact]
    public void The_well_formed_base_case_reads()
    {
        var m = MolfileReader.ReadRaw(Good);
        Assert.Equal("name", m.Name);
        Assert.Equal(-1, m.Atoms[1].Charge);
    }

    [Theory]
    [InlineData(5, " C ", " Xx", "unknown atom symbol 'Xx'")]
    [InlineData(6, "1.0000    0.0000", "1.00x0    0.0000", "coordinate")]
    [InlineData(7, "  1  2  1  0", "  1  9  1  0", "atom number 9")]
    [InlineData(7, "  1  2  1  0", "  1  1  1  0", "to itself")]
    [InlineData(7, "  1  2  1  0", "  1  2 11  0", "bond type 11")]
    [InlineData(8, "M  CHG  1   2  -1", "M  CHG  2   2  -1", "announces 2 entries")]
    [InlineData(4, "  2  1  0", "  x  1  0", "atom count")]
    [InlineData(5, " C   0  0  0  0  0  0  0  0  0  0  0  0\n", " C\n", "atom line too short")]
    public void Errors_name_the_line_and_the_problem(int line, string from, string to, string problem)
    {
        var e = Fails(Good.Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(line, e.Position);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Equal("molfile", e.Format);
    }

    [Fact]
    public void Truncated_input_reports_what_was_expected()
    {
        var e = Fails(Good[..Good.IndexOf("  1  2  1", StringComparison.Ordinal)]);
        Assert.Contains("bond line 1 of 1", e.Problem, StringComparison.Ordinal);
        Assert.Equal(7, e.Position);
        Assert.Contains("'M  END'", Fails(Good.Replace("M  END\n", "", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void V3000_errors_name_the_line()
    {
        const string text = "\n\n\n  0  0  0  0  0  0  0  0  0  0999 V3000\nM  V30 BEGIN CTAB\nM  V30 COUNTS 1 0 0 0 0\n" +
            "M  V30 BEGIN ATOM\nM  V30 1 Qq 0 0 0 0\nM  V30 END ATOM\nM  V30 END CTAB\nM  END\n";
        var e = Fails(text);
        Assert.Equal(8, e.Position);
        Assert.Contains("Qq", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_text_throws_nothing_but_MolfileParseException()
    {
        // Lines drawn from molfile-like pieces, so the parser gets past the header often.
        var piece = Gen.OneOf<string>("", "\n", "  1  1  0  0  0  0  0  0  0  0999 V2000\n", "  2  1  0  0  0  0  0  0  0  0999 V3000\n",
            "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n", "    0.0000    0.0000    0.0000 N   0  3\n",
            "  1  2  1  0\n", "  1  1  4  0\n", "M  CHG  1   1   1\n", "M  RAD  1   9   2\n", "M  ISO  1   1  -3\n", "M  END\n",
            "M  V30 BEGIN CTAB\n", "M  V30 COUNTS 1 0 0 0 0\n", "M  V30 BEGIN ATOM\n", "M  V30 1 C 0 0 0 0 CHG=1 VAL=-1\n",
            "M  V30 END ATOM\n", "M  V30 END CTAB\n", "M  V30 1 1 1 2 ENDPTS=(2 1 -\n", "A    1\n", "S  SKP  5\n", "M  ALS   1  2 F C   N   \n",
            "M  RGP  1   1   1\n", "M  APO  1   1   3\n", "  1  2  2  3\n", "    1.0000    0.5000    0.7000 C   0  0  0  0  0  4\n",
            "  1  2  1  1\n", "M  V30 1 2 1 2 CFG=2\n", "M  V30 BEGIN RGROUP 1\n", "M  V30 END RGROUP\n", "$MDL  REV  1\n$MOL\n$HDR\n");
        var text = Gen.OneOf<string>(piece.Array[0, 14].Select(p => string.Concat(p)), Gen.String, Gen.Char.Array.Select(c => new string(c)));
        text.Sample(t =>
        {
            try { MolfileReader.ReadRaw(t); }
            catch (MolfileParseException) { }
            try { MolfileReader.Read(t); }
            catch (MolfileParseException) { }
            try { MolfileReader.ReadRGroupQuery(t); }
            catch (MolfileParseException) { }
            try { _ = new SdfReader(new StringReader(t + "\n$$$$\n" + t)).ToList(); }
            catch (MolfileParseException) { }
        }, iter: 5000);
    }

    [Fact]
    public void Mutated_real_molfiles_throw_nothing_but_MolfileParseException()
    {
        // Real records (V2000 and V3000, stereo, charges) with characters replaced, dropped or lines
        // duplicated: they get deep into the parser and into perception.
        var sources = new[] { "features/salt_v3000.mol", "features/wedge_stereo.mol", "features/charge_block.mol", "features/rgroup_rgp.mol" }
            .Select(MolfileData.Text).Append(Good).ToArray();
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10000], Gen.OneOf<char>(' ', '0', '1', '9', '-', '.', 'X', '\n', '=', '('));
        Gen.Select(Gen.Int[0, sources.Length - 1], edit.Array[1, 6]).Sample(t =>
        {
            var (source, edits) = t;
            var text = new System.Text.StringBuilder(sources[source]);
            foreach (var (kind, at, c) in edits)
            {
                if (text.Length == 0) break;
                var i = at % text.Length;
                if (kind == 0) text[i] = c;
                else if (kind == 1) text.Remove(i, 1);
                else text.Insert(i, c);
            }
            try { MolfileReader.Read(text.ToString()); }
            catch (MolfileParseException) { }
        }, iter: 20000);
    }
}
