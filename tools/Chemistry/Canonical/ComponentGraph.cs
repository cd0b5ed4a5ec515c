namespace Sieve.Chemistry.Canonical;

/// <summary>One connected component as compact arrays (local atom numbers, neighbour lists in the
/// molecule's bond order) — what the partition refinement works on without touching the object model.</summary>
internal sealed class ComponentGraph
{
    public readonly int N;
    /// <summary>Local atom → molecule atom.</summary>
    public readonly int[] Atoms;
    /// <summary>Neighbour list of local atom i is <c>Nbr[Start[i]..Start[i+1])</c>, in <see cref="Molecule.BondsOf"/> order.</summary>
    public readonly int[] Start;
    public readonly int[] Nbr;
    /// <summary>Molecule bond index per neighbour entry.</summary>
    public readonly int[] NbrBond;
    /// <summary>RDKit bond-type code per neighbour entry (aromatic 12, zero-order 21), which orders neighbour lists.</summary>
    public readonly byte[] BondType;
    /// <summary>Double-bond stereo per entry as RDKit numbers it: 0 none, 2 Z, 3 E.</summary>
    public readonly byte[] BondStereo;
    /// <summary>Valid tetrahedral parity per local atom (see <see cref="StereoPerception"/>).</summary>
    public readonly byte[] Parity;
    public readonly bool[] RingAtom;
    /// <summary>Atom invariants RDKit compares before neighbourhoods, packed so one comparison does them all.</summary>
    public readonly long[] BaseKey;
    /// <summary>Markush information (CXSMILES label, position-variation role) compared after <see cref="BaseKey"/>;
    /// all zero for ordinary molecules, so their ranking stays RDKit's.</summary>
    public readonly long[] MarkushKey;

    public ComponentGraph(Molecule m, List<int> atoms, int[] localOf, Topology topology)
    {
        N = atoms.Count;
        Atoms = [.. atoms];
        Start = new int[N + 1];
        for (var i = 0; i < N; i++) Start[i + 1] = Start[i] + m.Degree(Atoms[i]);
        var e = Start[N];
        Nbr = new int[e];
        NbrBond = new int[e];
        BondType = new byte[e];
        BondStereo = new byte[e];
        Parity = new byte[N];
        RingAtom = new bool[N];
        BaseKey = new long[N];
        MarkushKey = new long[N];
        for (var i = 0; i < N; i++)
        {
            var a = Atoms[i];
            var k = Start[i];
            foreach (var bi in m.BondsOf(a))
            {
                var b = m.Bonds[bi];
                Nbr[k] = localOf[b.Other(a)];
                NbrBond[k] = bi;
                BondType[k] = RdkitBondType(b);
                k++;
            }
            RingAtom[i] = topology.RingAtom[a];
        }
    }

    public int Degree(int i) => Start[i + 1] - Start[i];

    public static byte RdkitBondType(Bond b) =>
        b.IsAromatic || b.Order == BondOrder.Aromatic ? (byte)12
        : b.Order switch
        {
            BondOrder.Single => (byte)1,
            BondOrder.Double => (byte)2,
            BondOrder.Triple => (byte)3,
            BondOrder.Quadruple => (byte)4,
            _ => (byte)21,
        };

    /// <summary>Fills <see cref="BaseKey"/>: atom map, degree, element, isotope, H count, charge and
    /// whether the atom is a stereocentre, in RDKit's comparison order.</summary>
    public void ComputeBaseKeys(Molecule m, bool withStereo)
    {
        for (var i = 0; i < N; i++)
        {
            var atom = m.Atoms[Atoms[i]];
            long map = Math.Clamp(atom.AtomMap, 0, (1 << 26) - 1);
            long degree = Math.Min(Degree(i), 255);
            long z = Math.Clamp(atom.Element, 0, 127);
            long iso = Math.Clamp(atom.Isotope, 0, 1023);
            long h = Math.Clamp(atom.TotalHydrogens, 0, 15);
            // RDKit compares charges as unsigned numbers: negative charges sort after every positive one.
            var fc = Math.Clamp(atom.Charge, -31, 31);
            long charge = fc >= 0 ? fc : 64 + fc;
            long chiral = withStereo && Parity[i] != 0 ? 1 : 0;
            BaseKey[i] = (map << 36) | (degree << 28) | (z << 21) | (iso << 11) | (h << 7) | (charge << 1) | chiral;
        }
    }
}
