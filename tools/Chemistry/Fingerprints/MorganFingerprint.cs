namespace Sieve.Chemistry.Fingerprints;

/// <summary>Extended-connectivity (Morgan / ECFP-like) fingerprint, computed the way RDKit 2022.09's
/// <c>GetMorganFingerprintAsBitVect(mol, radius, nBits)</c> does with default options, so the bits agree.</summary>
/// <remarks>
/// Outline: every atom starts with a hash of (atomic number, total degree, total H, formal charge,
/// integer delta mass, in-ring flag). Each round an atom's new identifier hashes the round number, its
/// previous identifier and the sorted (bond type, neighbour identifier) pairs. An identifier sets bit
/// <c>id % bits</c> unless the set of bonds it covers was already covered (this round by an identifier
/// that sorts first, or in an earlier round); atoms that repeat an environment drop out.
/// The molecule must have been perceived (rings, aromaticity, implicit H), as every reader does.
/// </remarks>
public static class MorganFingerprint
{
    // RDKit's Bond::BondType enumeration values, which enter the hash.
    private const int RdUnspecified = 0, RdAromatic = 12;

    public static Fingerprint Compute(Molecule m, int radius = 2, int bits = 2048)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        var fp = new Fingerprint(bits);
        var n = m.AtomCount;
        var invariants = AtomInvariants(m);
        foreach (var id in invariants)
            fp.Set((int)(id % (uint)bits));
        if (n == 0 || radius == 0)
            return fp;

        var bondTypes = new int[m.BondCount];
        for (var b = 0; b < bondTypes.Length; b++)
            bondTypes[b] = BondTypeCode(m.Bonds[b]);

        var words = (m.BondCount + 63) >> 6;
        var comparer = new BondSetComparer();
        var seen = new HashSet<ulong[]>(comparer);
        var neighborhoods = new ulong[n][];
        for (var i = 0; i < n; i++) neighborhoods[i] = new ulong[words];
        var dead = new bool[n];
        var nbrs = new List<(int BondType, uint Id)>();
        var thisRound = new List<(ulong[] Set, uint Id, int Atom)>(n);
        var best = new Dictionary<ulong[], int>(comparer);

        for (var layer = 0; layer < radius; layer++)
        {
            var next = new uint[n];
            var nextNeighborhoods = new ulong[n][];
            thisRound.Clear();
            for (var a = 0; a < n; a++)
            {
                nextNeighborhoods[a] = neighborhoods[a];
                if (dead[a]) continue;
                var atomBonds = m.BondsOf(a);
                if (atomBonds.Count == 0)
                {
                    dead[a] = true;
                    continue;
                }
                var env = (ulong[])neighborhoods[a].Clone();
                nbrs.Clear();
                foreach (var b in atomBonds)
                {
                    env[b >> 6] |= 1UL << (b & 63);
                    var other = m.Bonds[b].Other(a);
                    var otherEnv = neighborhoods[other];
                    for (var w = 0; w < words; w++) env[w] |= otherEnv[w];
                    nbrs.Add((bondTypes[b], invariants[other]));
                }
                nbrs.Sort();
                var id = BoostHash.Combine((uint)layer, invariants[a]);
                foreach (var (bt, nid) in nbrs)
                    id = BoostHash.Combine(id, BoostHash.Pair(bt, nid));
                next[a] = id;
                nextNeighborhoods[a] = env;
                thisRound.Add((env, id, a));
                if (seen.Contains(env))
                    dead[a] = true;
            }

            // Among atoms covering the same bond set this round, only the smallest (identifier, atom)
            // contributes; the rest, and any atom repeating an earlier round's set, drop out.
            best.Clear();
            for (var k = 0; k < thisRound.Count; k++)
            {
                var t = thisRound[k];
                if (!best.TryGetValue(t.Set, out var j)) { best[t.Set] = k; continue; }
                var u = thisRound[j];
                if (t.Id < u.Id || (t.Id == u.Id && t.Atom < u.Atom)) best[t.Set] = k;
            }
            foreach (var (set, k) in best)
            {
                if (seen.Contains(set)) continue;
                fp.Set((int)(thisRound[k].Id % (uint)bits));
            }
            for (var k = 0; k < thisRound.Count; k++)
            {
                var t = thisRound[k];
                if (seen.Contains(t.Set) || best[t.Set] != k) dead[t.Atom] = true;
            }
            foreach (var set in best.Keys) seen.Add(set);

            invariants = next;
            neighborhoods = nextNeighborhoods;
        }
        return fp;
    }

    /// <summary>RDKit's connectivity invariants (with ring membership), one per atom.</summary>
    internal static uint[] AtomInvariants(Molecule m)
    {
        var rings = m.Rings;
        var result = new uint[m.AtomCount];
        for (var i = 0; i < result.Length; i++)
        {
            var atom = m.Atoms[i];
            // RDKit counts hydrogen neighbours that are graph atoms ([2H]) in the H component, but the
            // degree already includes them.
            var hydrogenNeighbours = 0;
            foreach (var b in m.BondsOf(i))
                if (m.Atoms[m.Bonds[b].Other(i)].Element == 1) hydrogenNeighbours++;
            var totalH = atom.TotalHydrogens;
            var average = (uint)atom.Element <= Elements.MaxAtomicNumber ? Elements.Get(atom.Element).AverageMass : 0.0;
            var deltaMass = (int)(Descriptors.IsotopeMasses.AtomMass(atom) - average);
            uint h = 0;
            h = BoostHash.Combine(h, (uint)atom.Element);
            h = BoostHash.Combine(h, (uint)(m.Degree(i) + totalH));
            h = BoostHash.Combine(h, (uint)(totalH + hydrogenNeighbours));
            h = BoostHash.Combine(h, unchecked((uint)atom.Charge));
            h = BoostHash.Combine(h, unchecked((uint)deltaMass));
            if (rings is not null && rings.IsAtomInRing(i))
                h = BoostHash.Combine(h, 1);
            result[i] = h;
        }
        return result;
    }

    private static int BondTypeCode(Bond b) =>
        b.IsAromatic || b.Order == BondOrder.Aromatic ? RdAromatic
        : b.Order == BondOrder.Zero ? RdUnspecified
        : (int)b.Order;

    private sealed class BondSetComparer : IEqualityComparer<ulong[]>
    {
        public bool Equals(ulong[]? x, ulong[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(ulong[] obj)
        {
            var h = new HashCode();
            foreach (var w in obj) h.Add(w);
            return h.ToHashCode();
        }
    }
}
