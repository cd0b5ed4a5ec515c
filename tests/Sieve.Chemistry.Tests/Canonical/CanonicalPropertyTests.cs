using System.Text;
using CsCheck;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Canonical;

/// <summary>Properties of canonical SMILES over random molecules: random SMILES built from chains,
/// branches, ring closures and stereo marks (those the reader accepts), plus golden molecules.</summary>
public class CanonicalPropertyTests
{
    private static readonly string[] Atoms =
        ["C", "C", "C", "C", "N", "O", "S", "Cl", "[C@H]", "[C@@H]", "[C@H]", "[C@@H]", "[C@](F)(Cl)", "[C@@](C)(O)",
         "[N+](C)(C)", "[13CH2]", "c9ccccc9", "c9ccncc9", "C(=O)O"];
    private static readonly string[] BondSymbols = ["", "", "", "", "=", "/", "\\", "#"];

    /// <summary>A random SMILES text: each step appends an atom, maybe a bond symbol before it, maybe opens
    /// or closes a ring digit, maybe opens or closes a branch.</summary>
    private static readonly Gen<string> RandomSmiles =
        Gen.Int[2, 24].SelectMany(n => Gen.Int.Array[n * 4].Select(r => Build(n, r)));

    private static string Build(int n, int[] r)
    {
        var sb = new StringBuilder();
        var open = new List<int>();
        var depth = 0;
        var k = 0;
        int Next(int mod) => (int)((uint)r[k++ % r.Length] % (uint)mod);
        for (var i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(BondSymbols[Next(BondSymbols.Length)]);
            sb.Append(Atoms[Next(Atoms.Length)]);
            var ring = Next(6);
            if (ring == 0 && open.Count < 3) { var d = open.Count == 0 ? 1 : open[^1] + 1; open.Add(d); sb.Append(d); }
            else if (ring == 1 && open.Count > 0 && i > 2) { sb.Append(open[0]); open.RemoveAt(0); }
            var branch = Next(5);
            if (branch == 0 && i < n - 1) { sb.Append('('); depth++; }
            else if (branch == 1 && depth > 0) { sb.Append(')'); depth--; }
        }
        foreach (var d in open) sb.Append('C').Append(d);
        sb.Append(')', depth);
        return sb.ToString().Replace("()", "");
    }

    private static Molecule? TryRead(string smiles)
    {
        try { return SmilesReader.Read(smiles); }
        catch (ChemistryParseException) { return null; }
        catch (InvalidOperationException) { return null; } // valence / kekulization (MoleculeException)
    }

    // Random texts the reader refuses are skipped inside the property (a Where filter would give up
    // after too many refusals in a row); golden SMILES are mixed in.
    private static readonly Gen<string> AnySmiles =
        Gen.OneOf(RandomSmiles, Gen.Int[0, GoldenMolecules.All.Count - 1].Select(i => GoldenMolecules.All[i].Smiles));

    [Fact]
    public void Renumbering_atoms_never_changes_the_canonical_SMILES()
    {
        Gen.Select(AnySmiles, Gen.Int).Sample((smiles, seed) =>
        {
            if (TryRead(smiles) is not { } m) return;
            var expected = CanonicalSmiles.Of(m);
            var rng = new Random(seed);
            for (var k = 0; k < 3; k++)
                Assert.Equal(expected, CanonicalSmiles.Of(Renumbering.Shuffle(m, rng)));
        }, iter: 600, threads: 1, print: t => t.Item1);
    }

    [Fact]
    public void Write_read_write_is_a_fixed_point()
    {
        AnySmiles.Sample(smiles =>
        {
            if (TryRead(smiles) is not { } m) return;
            var once = CanonicalSmiles.Of(m);
            var twice = CanonicalSmiles.Of(SmilesReader.Read(once));
            Assert.Equal(once, twice);
            // input-order output reads back as the same molecule too
            var plain = SmilesWriter.Write(m, new SmilesWriteOptions { Canonical = false });
            Assert.Equal(once, CanonicalSmiles.Of(SmilesReader.Read(plain)));
        }, iter: 600, threads: 1, print: s => s);
    }
}
