using System.Xml.Linq;
using Sieve.Chemistry.Depiction;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Depiction;

public class SvgDepictionTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (string Text, XDocument Doc) Render(string smiles, SvgOptions? o = null)
    {
        var m = SmilesReader.Read(smiles);
        var text = SvgDepiction.Render(m, Layout2D.Compute(m), o);
        return (text, XDocument.Parse(text));
    }

    private static List<string> Texts(XDocument doc) =>
        [.. doc.Descendants(Svg + "text").Select(t => string.Concat(t.Nodes().Select(n => n is XText x ? x.Value : ((XElement)n).Value)))];

    [Theory]
    [InlineData("CC(=O)Oc1ccccc1C(=O)O")]
    [InlineData("C[C@H](N)C(=O)O")]
    [InlineData("C[N+](C)(C)C.[Cl-]")]
    [InlineData("F/C=C/Br")]
    [InlineData("C#CC1CC2CCC1C2")]
    public void Renders_well_formed_svg_with_a_fitted_view_box(string smiles)
    {
        var (_, doc) = Render(smiles);
        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        var vb = root.Attribute("viewBox")!.Value.Split(' ').Select(double.Parse).ToArray();
        Assert.True(vb[2] > 0 && vb[3] > 0);
        // Every bond end lies inside the view box.
        foreach (var line in doc.Descendants(Svg + "line"))
        {
            foreach (var (ax, ay) in new[] { ("x1", "y1"), ("x2", "y2") })
            {
                var x = double.Parse(line.Attribute(ax)!.Value);
                var y = double.Parse(line.Attribute(ay)!.Value);
                Assert.InRange(x, vb[0], vb[0] + vb[2]);
                Assert.InRange(y, vb[1], vb[1] + vb[3]);
            }
        }
    }

    [Fact]
    public void Heteroatoms_are_labelled_with_hydrogens_and_charges_carbons_are_not()
    {
        var (_, doc) = Render("OCC(=O)[O-].C[NH3+].NCC#N.c1cc[nH]c1");
        var texts = Texts(doc);
        Assert.DoesNotContain("C", texts);
        Assert.Contains("O", texts);
        Assert.Contains("H", texts);   // the OH hydrogen and the pyrrole NH
        Assert.Contains("H2", texts);  // NH2 (subscript in a tspan)
        Assert.Contains("H3", texts);  // NH3+
        Assert.Contains("+", texts);
        Assert.Contains("\u2212", texts);
        Assert.Equal(4, texts.Count(t => t == "N"));
    }

    [Fact]
    public void Rgroup_atoms_show_their_labels()
    {
        var (_, doc) = Render("*c1ccc(*)cc1 |$R1;;;;;R2;;$|");
        var texts = Texts(doc);
        Assert.Contains("R1", texts);
        Assert.Contains("R2", texts);
    }

    [Fact]
    public void Highlights_and_indices_appear_only_when_asked()
    {
        var plain = Render("c1ccccc1CCN").Doc;
        Assert.DoesNotContain(plain.Descendants(), e => (string?)e.Attribute("class") == "highlight");
        Assert.DoesNotContain(plain.Descendants(), e => (string?)e.Attribute("class") == "atom-index");
        var o = new SvgOptions { HighlightAtoms = [0, 1, 2, 3, 4, 5], HighlightBonds = [0, 1, 2, 3, 4, 5], ShowAtomIndices = true, HighlightColor = "#00ff00" };
        var doc = Render("c1ccccc1CCN", o).Doc;
        var halos = doc.Descendants().Where(e => (string?)e.Attribute("class") == "highlight").ToList();
        Assert.Equal(6, halos.Count(e => e.Name == Svg + "circle"));
        Assert.Equal(6, halos.Count(e => e.Name == Svg + "line"));
        Assert.All(halos, h => Assert.Equal("#00ff00", (string?)h.Attribute("fill") ?? (string?)h.Attribute("stroke")));
        Assert.Equal(9, doc.Descendants().Count(e => (string?)e.Attribute("class") == "atom-index"));
    }

    [Fact]
    public void Stereocentres_are_drawn_with_a_wedge_or_hash()
    {
        var doc = Render("C[C@H](N)C(=O)O").Doc;
        var stereo = doc.Descendants().Count(e => (string?)e.Attribute("class") is "wedge" or "hash");
        Assert.Equal(1, stereo);
        Assert.Equal(0, Render("CC(N)C(=O)O").Doc.Descendants().Count(e => (string?)e.Attribute("class") is "wedge" or "hash"));
    }

    [Fact]
    public void Kekule_rings_draw_three_inner_double_bond_lines()
    {
        var doc = Render("c1ccccc1").Doc;
        Assert.Equal(9, doc.Descendants(Svg + "line").Count(l => (string?)l.Attribute("class") == "bond"));
    }

    /// <summary>Writes a few drawings next to the test binaries for a human to look at (rsvg-convert).</summary>
    [Fact]
    public void Gallery_renders()
    {
        string[] gallery =
        [
            "CC(=O)Oc1ccccc1C(=O)O", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C", "C[C@H](N)C(=O)O",
            "C[C@]12CC[C@H]3[C@@H](CC[C@@H]4CC(=O)CC[C@]34C)[C@@H]1CC[C@@H]2O", "F/C=C/C=C\\C(=O)[O-].[Na+]",
            "C1CC2CCC1C2", "C12C3C4C1C5C2C3C45", "c1ccc2c(c1)ccc1ccccc12", "CC(C)(C)c1ccc(cc1)C#N",
            "*c1ccc(*)cc1 |$R1;;;;;R2;;$|", "O=C(N[C@@H](Cc1ccccc1)C(=O)O)[C@@H](N)CC(=O)O", "C1CCC2(CC1)CCCC2",
            "CCCCCCCCCCCCCCCC(=O)O", "C[N+](C)(C)CCOP(=O)([O-])OC", "C/C=C/C=C/C=C/C=C/C",
        ];
        var dir = Path.Combine(AppContext.BaseDirectory, "depiction_gallery");
        Directory.CreateDirectory(dir);
        for (var i = 0; i < gallery.Length; i++)
        {
            var m = SmilesReader.Read(gallery[i]);
            var o = i == 0 ? new SvgOptions { HighlightAtoms = [4, 5, 6, 7, 8, 9], HighlightBonds = [4, 5, 6, 7, 8, 12] } : new SvgOptions { ShowAtomIndices = i == 6 };
            var svg = SvgDepiction.Render(m, Layout2D.Compute(m), o);
            XDocument.Parse(svg);
            File.WriteAllText(Path.Combine(dir, $"g{i:00}.svg"), svg);
        }
    }
}
