using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Markush.Tests;

public class PatentPackageTests
{
    private static string TempPackage(string claims, params (string Name, string Text)[] formulas)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sieve-markush-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "formulas"));
        File.WriteAllText(Path.Combine(dir, "claims.txt"), claims);
        foreach (var (name, text) in formulas) File.WriteAllText(Path.Combine(dir, "formulas", name), text);
        return dir;
    }

    [Fact]
    public void A_molfile_formula_with_RGP_atoms_is_read_as_labelled_sites()
    {
        // Written by RDKit: para-disubstituted benzene with R1 and R2 as M  RGP atoms.
        var mol = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "rgp.mol"));
        var dir = TempPackage("1. A compound of formula (I) wherein R1 is methyl and R2 is halogen.", ("I.mol", mol));
        try
        {
            var pkg = PatentPackage.Load(dir);
            Assert.Empty(pkg.Problems);
            Assert.Equal(Verdict.Covered, PatentEvaluator.Evaluate(pkg, MoleculeInput.FromSmiles("Cc1ccc(Br)cc1")).Verdict);
            Assert.Equal(Verdict.NotCovered, PatentEvaluator.Evaluate(pkg, MoleculeInput.FromSmiles("Cc1ccc(C)cc1")).Verdict);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Patent_json_is_optional_and_read_when_present()
    {
        var dir = TempPackage("1. A compound of formula (I) wherein R1 is methyl.", ("I.cxsmi", "[*:1]c1ccccc1\n"));
        try
        {
            Assert.Null(PatentPackage.Load(dir).Info.Number);
            File.WriteAllText(Path.Combine(dir, "patent.json"), """{ "number": "US 1,234,567", "title": "Toluenes" }""");
            var pkg = PatentPackage.Load(dir);
            Assert.Equal("US 1,234,567", pkg.Info.Number);
            Assert.Equal("[*:1]c1ccccc1", pkg.Formulas["I"]);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Stands in for the OCSR reader: the drawing "says" what the test put in it.</summary>
    private sealed class DrawingsSay(string? smiles, double confidence) : IFormulaImageReader
    {
        public List<string> Read_ { get; } = [];
        public FormulaImage Read(string path)
        {
            Read_.Add(Path.GetFileName(path));
            return new FormulaImage(smiles, confidence, smiles is null ? "no bonds found" : null);
        }
    }

    [Fact]
    public void A_drawn_formula_is_read_through_the_image_reader_and_keeps_its_confidence()
    {
        var dir = TempPackage("1. A compound of formula (I) wherein R1 is methyl.", ("I.png", "(pixels)"));
        try
        {
            var reader = new DrawingsSay("*c1ccccc1 |$R1;;;;;;$|", 0.8);
            var pkg = PatentPackage.Load(dir, reader);
            Assert.Equal(["I.png"], reader.Read_);
            Assert.Empty(pkg.Problems);
            Assert.Equal(0.8, pkg.ImageFormulas["I"]);
            Assert.Equal([new DrawnFormula("I", "formulas/I.png", "*c1ccccc1 |$R1;;;;;;$|", 0.8, null)], pkg.Drawings);
            Assert.Equal(Verdict.Covered, PatentEvaluator.Evaluate(pkg, MoleculeInput.FromSmiles("Cc1ccccc1")).Verdict);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_drawn_formula_without_a_reader_or_unreadable_is_a_problem_and_text_wins_over_a_drawing()
    {
        var dir = TempPackage("1. A compound of formula (I) wherein R1 is methyl.", ("I.png", "(pixels)"));
        try
        {
            Assert.Contains(PatentPackage.Load(dir).Problems, p => p.StartsWith("I.png: a drawn formula"));
            Assert.Contains(PatentPackage.Load(dir, new DrawingsSay(null, 0)).Problems, p => p == "I.png: no structure read (no bonds found)");
            // An unread drawing is listed with its reason, so a report can say which formula is missing and why.
            Assert.Equal([new DrawnFormula("I", "formulas/I.png", null, 0, "no bonds found")], PatentPackage.Load(dir, new DrawingsSay(null, 0)).Drawings);
            Assert.Equal("a drawn formula, and no structure reader was given to read images", Assert.Single(PatentPackage.Load(dir).Drawings).Failure);
            File.WriteAllText(Path.Combine(dir, "formulas", "I.cxsmi"), "[*:1]c1ccccc1\n");
            var reader = new DrawingsSay("*C |$R1;$|", 0.5);
            var pkg = PatentPackage.Load(dir, reader);
            Assert.Empty(reader.Read_);
            Assert.Empty(pkg.ImageFormulas);
            Assert.Empty(pkg.Drawings);
            Assert.Equal("[*:1]c1ccccc1", pkg.Formulas["I"]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_missing_claims_file_is_a_clear_error()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sieve-markush-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try { Assert.Throws<FileNotFoundException>(() => PatentPackage.Load(dir)); }
        finally { Directory.Delete(dir, true); }
    }
}
