using System.Security.Cryptography;
using System.Text;
using Sieve.Chemistry.Depiction;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Tests.Canonical;

namespace Sieve.Chemistry.Tests.Depiction;

/// <summary>Every golden molecule laid out, wedged and written as a V2000 molblock — the input of
/// scripts/chemistry/check_depiction.py, which asks RDKit whether the stereo survives.</summary>
internal static class DepictionCorpus
{
    public sealed record Entry(string Id, string Smiles, Molecule Molecule, Point2[] Coords, WedgeAssignment Wedges, string MolBlock);

    private static readonly Lazy<IReadOnlyList<Entry>> Entries = new(Build);

    public static IReadOnlyList<Entry> All => Entries.Value;

    private static IReadOnlyList<Entry> Build()
    {
        var list = new List<Entry>();
        foreach (var row in GoldenMolecules.All)
        {
            Molecule m;
            try { m = SmilesReader.Read(row.Smiles); }
            catch (Exception e) when (e is ChemistryParseException or MoleculeException) { continue; }
            var coords = Layout2D.Compute(m);
            var wedges = StereoWedges.Assign(m, coords);
            list.Add(new Entry(row.Id, row.Smiles, m, coords, wedges, MolBlock(m, coords, wedges)));
        }
        return list;
    }

    /// <summary>V2000 through the project's writer; double bonds marked "either" get bond stereo 3
    /// (the writer only writes stereo on single bonds).</summary>
    public static string MolBlock(Molecule m, Point2[] coords, WedgeAssignment wedges)
    {
        var copy = m.Clone();
        wedges.ApplyTo(copy);
        var p3 = new Point3[coords.Length];
        for (var i = 0; i < coords.Length; i++) p3[i] = new Point3(coords[i].X, coords[i].Y, 0);
        MolfileCoordinates.Set(copy, p3);
        var text = MolfileWriter.Write(copy);
        if (Array.IndexOf(wedges.Wedges, BondWedge.Either) < 0) return text;
        var lines = text.Split('\n');
        var bondLine = 4 + m.AtomCount;
        if (!lines[3].EndsWith("V2000", StringComparison.Ordinal)) return text;
        for (var bi = 0; bi < m.BondCount; bi++)
        {
            if (wedges.Wedges[bi] != BondWedge.Either || m.Bonds[bi].Order != BondOrder.Double) continue;
            var line = lines[bondLine + bi];
            lines[bondLine + bi] = line[..9] + "  3" + line[12..];
        }
        return string.Join('\n', lines);
    }

    /// <summary>Fingerprint of a drawing (coordinates to 4 decimals, wedges and their narrow ends), so the
    /// committed RDKit verdicts can be checked to describe today's layouts.</summary>
    public static string LayoutHash(Entry e)
    {
        var sb = new StringBuilder();
        foreach (var p in e.Coords)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{p.X:F4},{p.Y:F4};");
        for (var b = 0; b < e.Wedges.Wedges.Length; b++)
            sb.Append((int)e.Wedges.Wedges[b]).Append(':').Append(e.Wedges.Starts[b]).Append(';');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16].ToLowerInvariant();
    }
}
