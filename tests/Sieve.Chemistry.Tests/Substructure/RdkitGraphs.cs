namespace Sieve.Chemistry.Tests.Substructure;

/// <summary>RDKit's perceived graphs of the golden molecules (TestData/rdkit_graphs.tsv, made by
/// scripts/chemistry/smarts_graphs.py): lets the matcher be checked against RDKit without our SMILES reader.</summary>
internal static class RdkitGraphs
{
    private static readonly Lazy<IReadOnlyList<(string Id, Molecule Molecule)>> All = new(Load);

    public static IReadOnlyList<(string Id, Molecule Molecule)> Molecules => All.Value;

    /// <summary>Golden files copied with the test binaries (Data/...).</summary>
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    private static List<(string, Molecule)> Load()
    {
        var result = new List<(string, Molecule)>();
        foreach (var line in File.ReadLines(Smarts.SourceTree.File("Substructure/TestData/rdkit_graphs.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            result.Add((cols[0], Parse(cols[1], cols[2], cols[3])));
        }
        return result;
    }

    public static Molecule Parse(string atoms, string bonds, string rings)
    {
        var m = new Molecule();
        foreach (var a in atoms.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = a.Split(',').Select(int.Parse).ToArray();
            m.AddAtom(new Atom
            {
                Element = f[0], IsAromatic = f[1] == 1, Charge = f[2], Isotope = f[3],
                ExplicitHydrogens = f[4], ImplicitHydrogens = f[5], RadicalElectrons = f[6],
            });
        }
        foreach (var b in bonds.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = b.Split(',').Select(int.Parse).ToArray();
            var order = f[2] switch
            {
                1 => BondOrder.Single, 2 => BondOrder.Double, 3 => BondOrder.Triple, 4 => BondOrder.Quadruple,
                12 => BondOrder.Aromatic, _ => BondOrder.Zero,
            };
            m.AddBond(new Bond(f[0], f[1], order) { IsAromatic = f[2] == 12 });
        }
        var atomRings = new List<int[]>();
        var bondRings = new List<int[]>();
        foreach (var r in rings.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var ring = r.Split(',').Select(int.Parse).ToArray();
            atomRings.Add(ring);
            var br = new int[ring.Length];
            for (var i = 0; i < ring.Length; i++) br[i] = m.BondIndex(ring[i], ring[(i + 1) % ring.Length]);
            bondRings.Add(br);
        }
        m.Rings = new RingInfo(atomRings, bondRings, m.AtomCount, m.BondCount);
        return m;
    }
}
