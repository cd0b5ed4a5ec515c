using Sieve.Agents.Batch;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Smiles;

namespace Sieve.Server.Jobs;

/// <summary>The molecules of a batch request: SMILES lines (a name may follow after whitespace; '#' lines and blank
/// lines are skipped) or SDF. A record that cannot be read stays in the list with its reason, so the batch reports
/// it in its place.</summary>
public static class BatchMolecules
{
    public static IReadOnlyList<BatchMolecule> Read(string text)
    {
        var head = text.Split('\n', MolfileDetection.HeadLines + 1).Take(MolfileDetection.HeadLines).Select(l => l.TrimEnd('\r')).ToList();
        return MolfileDetection.LooksLikeMolfile(head) ? FromSdf(text) : FromSmiles(text);
    }

    private static List<BatchMolecule> FromSmiles(string text)
    {
        var list = new List<BatchMolecule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var smiles = line.Split([' ', '\t'], 2)[0];
            try
            {
                list.Add(new BatchMolecule(i + 1, smiles, SmilesReader.Read(smiles), null));
            }
            catch (Exception e) when (e is ChemistryParseException or MoleculeException)
            {
                list.Add(new BatchMolecule(i + 1, smiles, null, e.Message));
            }
        }
        return list;
    }

    private static List<BatchMolecule> FromSdf(string text)
    {
        var list = new List<BatchMolecule>();
        var bad = new Dictionary<int, string>();
        var reader = new SdfReader(new StringReader(text), new SdfReadOptions { SkipBadRecords = true, OnSkippedRecord = e => bad[e.RecordIndex] = e.Error.Message });
        foreach (var m in reader) list.Add(new BatchMolecule(0, CanonicalSmiles.Of(m), m, null));
        // Put the unreadable records back in their places, then number all records from 1.
        foreach (var (index, reason) in bad.OrderBy(kv => kv.Key))
            list.Insert(Math.Min(index, list.Count), new BatchMolecule(0, "", null, reason));
        return list.Select((m, i) => m with { Index = i + 1 }).ToList();
    }
}
