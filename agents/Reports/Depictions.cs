using Sieve.Chemistry;
using Sieve.Chemistry.Depiction;
using Sieve.Chemistry.Smiles;

namespace Sieve.Agents.Reports;

/// <summary>SVG drawings for the report: 2D layout, then the chemistry core's SVG writer with matched atoms (and
/// the bonds between them) highlighted.</summary>
internal static class Depictions
{
    public static Depiction Draw(Molecule m, string smiles, IReadOnlyCollection<int> highlight)
    {
        var atoms = highlight.Where(i => i >= 0 && i < m.AtomCount).Distinct().Order().ToArray();
        var set = new HashSet<int>(atoms);
        var bonds = new List<int>();
        for (var b = 0; b < m.Bonds.Count; b++)
            if (set.Contains(m.Bonds[b].Begin) && set.Contains(m.Bonds[b].End)) bonds.Add(b);
        var coords = Layout2D.Compute(m);
        var svg = SvgDepiction.Render(m, coords, new SvgOptions { HighlightAtoms = atoms, HighlightBonds = bonds });
        return new Depiction(smiles, atoms, svg);
    }

    /// <summary>Draws a SMILES (the scaffold CXSMILES with its * sites); an unreadable one gives an empty drawing
    /// rather than no report.</summary>
    public static Depiction DrawSmiles(string smiles, IReadOnlyCollection<int> highlight)
    {
        Molecule m;
        try { m = SmilesReader.Read(smiles); }
        catch (Exception e) when (e is ChemistryParseException or Sieve.Chemistry.Perception.MoleculeException)
        {
            return new Depiction(smiles, [], "");
        }
        return Draw(m, smiles, highlight);
    }
}
