using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Smiles;

internal enum TokenKind : byte { Atom, Bond, Ring, Open, Close }

/// <summary>One step of the written SMILES: an atom, a bond (with the atom written to its left), a ring
/// digit, or a branch parenthesis.</summary>
internal readonly record struct Token(TokenKind Kind, int Value, int From = -1);

/// <summary>The depth-first walk that fixes the written order, with RDKit's preferences: ring-closure
/// neighbours first, then chain neighbours before ring neighbours, higher-order ring bonds first, then
/// lower rank. Ring digits reuse the lowest free number, never reopening one closed at the same atom.</summary>
internal sealed class SmilesTraversal
{
    private const long MaxAtoms = 5000, MaxBondType = 32;

    private readonly Molecule _m;
    private readonly int[] _ranks;
    private readonly Topology _topology;
    private readonly byte[] _colors;               // 0 white, 1 grey, 2 black
    private readonly List<int>?[] _ringClosures;   // per atom: ring-closure bonds in discovery order
    private readonly int[] _ringDigitOfBond;
    private readonly List<bool> _digitInUse = [];
    public readonly List<Token> Tokens = [];
    /// <summary>Per atom: its bonds in written order (in-bond, ring closures, branches) — what stereo parity refers to.</summary>
    public readonly List<int>?[] WrittenBondOrder;

    public SmilesTraversal(Molecule m, int[] ranks, Topology topology)
    {
        _m = m;
        _ranks = ranks;
        _topology = topology;
        _colors = new byte[m.AtomCount];
        _ringClosures = new List<int>?[m.AtomCount];
        _ringDigitOfBond = new int[m.BondCount];
        WrittenBondOrder = new List<int>?[m.AtomCount];
    }

    public void Walk(int start)
    {
        var findColors = (byte[])_colors.Clone();
        FindCycles(start, -1, findColors);
        BuildStack(start, -1);
    }

    private long BondBias(int bond) => MaxBondType - ComponentGraph.RdkitBondType(_m.Bonds[bond]);

    private void FindCycles(int atom, int inBond, byte[] colors)
    {
        colors[atom] = 1;
        var bonds = _m.BondsOf(atom);
        Span<long> keys = bonds.Count <= 16 ? stackalloc long[bonds.Count] : new long[bonds.Count];
        Span<int> which = bonds.Count <= 16 ? stackalloc int[bonds.Count] : new int[bonds.Count];
        var k = 0;
        foreach (var b in bonds)
        {
            if (b == inBond) continue;
            var o = _m.Bonds[b].Other(atom);
            long rank = _ranks[o];
            if (colors[o] == 1)
                rank += -(MaxBondType + 1) * MaxAtoms * MaxAtoms + BondBias(b) * MaxAtoms;
            else if (_topology.RingBond[b])
                rank += BondBias(b) * MaxAtoms * MaxAtoms;
            keys[k] = rank;
            which[k] = b;
            k++;
        }
        SortByKey(keys[..k], which[..k]);
        for (var i = 0; i < k; i++)
        {
            var b = which[i];
            var o = _m.Bonds[b].Other(atom);
            if (colors[o] == 0) FindCycles(o, b, colors);
            else if (colors[o] == 1)
            {
                (_ringClosures[o] ??= []).Add(b);
                (_ringClosures[atom] ??= []).Add(b);
            }
        }
        colors[atom] = 2;
    }

    private void BuildStack(int atom, int inBond)
    {
        Tokens.Add(new Token(TokenKind.Atom, atom));
        _colors[atom] = 1;
        var written = new List<int>(_m.Degree(atom));
        if (inBond >= 0) written.Add(inBond);

        if (_ringClosures[atom] is { } closures)
        {
            List<int>? closed = null;
            foreach (var b in closures)
            {
                written.Add(b);
                if (_ringDigitOfBond[b] > 0)
                {
                    var digit = _ringDigitOfBond[b];
                    Tokens.Add(new Token(TokenKind.Bond, b, atom));
                    Tokens.Add(new Token(TokenKind.Ring, digit));
                    (closed ??= []).Add(digit);
                }
                else
                {
                    var digit = LowestFreeDigit();
                    _ringDigitOfBond[b] = digit;
                    Tokens.Add(new Token(TokenKind.Ring, digit));
                }
            }
            // A digit closed here is free again only after this atom, so it is never reopened on it.
            if (closed is not null)
                foreach (var d in closed) _digitInUse[d - 1] = false;
        }

        var bonds = _m.BondsOf(atom);
        Span<long> keys = bonds.Count <= 16 ? stackalloc long[bonds.Count] : new long[bonds.Count];
        Span<int> which = bonds.Count <= 16 ? stackalloc int[bonds.Count] : new int[bonds.Count];
        var k = 0;
        foreach (var b in bonds)
        {
            if (b == inBond) continue;
            var o = _m.Bonds[b].Other(atom);
            if (_colors[o] != 0 || IsRingPartner(atom, o)) continue;
            long rank = _ranks[o];
            if (_topology.RingBond[b]) rank += BondBias(b) * MaxAtoms * MaxAtoms;
            keys[k] = rank;
            which[k] = b;
            k++;
        }
        SortByKey(keys[..k], which[..k]);
        // copy out: the spans may live on this frame's stack and recursion reuses nothing of it, but
        // stackalloc'd spans cannot be captured across the recursive calls below safely in a list.
        var children = which[..k].ToArray();
        for (var i = 0; i < children.Length; i++)
        {
            var b = children[i];
            var o = _m.Bonds[b].Other(atom);
            if (_colors[o] != 0) continue;
            var branch = i + 1 < children.Length;
            written.Add(b);
            if (branch) Tokens.Add(new Token(TokenKind.Open, i));
            Tokens.Add(new Token(TokenKind.Bond, b, atom));
            BuildStack(o, b);
            if (branch) Tokens.Add(new Token(TokenKind.Close, i));
        }
        WrittenBondOrder[atom] = written;
        _colors[atom] = 2;
    }

    private bool IsRingPartner(int atom, int other)
    {
        if (_ringClosures[atom] is not { } closures) return false;
        foreach (var b in closures)
            if (_m.Bonds[b].Other(atom) == other) return true;
        return false;
    }

    private int LowestFreeDigit()
    {
        for (var i = 0; i < _digitInUse.Count; i++)
        {
            if (_digitInUse[i]) continue;
            _digitInUse[i] = true;
            return i + 1;
        }
        _digitInUse.Add(true);
        return _digitInUse.Count;
    }

    private static void SortByKey(Span<long> keys, Span<int> values)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            var kv = keys[i];
            var vv = values[i];
            var j = i - 1;
            while (j >= 0 && keys[j] > kv) { keys[j + 1] = keys[j]; values[j + 1] = values[j]; j--; }
            keys[j + 1] = kv;
            values[j + 1] = vv;
        }
    }
}
