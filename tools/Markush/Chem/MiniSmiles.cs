using Sieve.Chemistry;

namespace Sieve.Markush.Chem;

/// <summary>WORKAROUND until the chemistry core's SmilesReader lands on this branch: a small SMILES + CXSMILES
/// (<c>$…$</c> labels, <c>m:</c> position variation) reader that TRUSTS the input's aromaticity (lowercase atoms)
/// instead of perceiving it. Every SMILES in samples/patents is RDKit canonical output, whose aromaticity is
/// RDKit's own, so trusting it gives RDKit's answer there. Throws <see cref="SmilesParseException"/> only.</summary>
internal static class MiniSmiles
{
    public static Molecule Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        string? cx = null;
        var bar = s.IndexOf(" |", StringComparison.Ordinal);
        if (bar >= 0)
        {
            var end = s.LastIndexOf('|');
            if (end <= bar + 1) throw new SmilesParseException(text, bar, "unterminated CXSMILES block");
            cx = s[(bar + 2)..end];
            s = s[..bar];
        }
        else
        {
            var sp = s.IndexOfAny([' ', '\t']);
            if (sp >= 0) s = s[..sp];
        }
        var m = new Parser(s, text).Run();
        if (cx is not null) ApplyCx(m, cx, text);
        AromaticDummies(m);
        AddImplicitHydrogens(m);
        return m;
    }

    private static void ApplyCx(Molecule m, string cx, string text)
    {
        var i = 0;
        while (i < cx.Length)
        {
            if (cx[i] == '$')
            {
                var end = cx.IndexOf('$', i + 1);
                if (end < 0) throw new SmilesParseException(text, i, "unterminated $ label list");
                var labels = cx[(i + 1)..end].Split(';');
                for (var a = 0; a < labels.Length && a < m.AtomCount; a++)
                    if (labels[a].Length > 0) m.Atoms[a].Label = labels[a].EndsWith("_p", StringComparison.Ordinal) ? labels[a][..^2] : labels[a];
                i = end + 1;
            }
            else if (cx[i] == 'm' && i + 1 < cx.Length && cx[i + 1] == ':')
            {
                var end = i + 2;
                while (end < cx.Length && (char.IsDigit(cx[end]) || cx[end] == ':' || cx[end] == '.')) end++;
                var parts = cx[(i + 2)..end].Split(':');
                if (parts.Length != 2) throw new SmilesParseException(text, i, "m: needs atom:candidates");
                if (!int.TryParse(parts[0], out var atom) || (uint)atom >= (uint)m.AtomCount)
                    throw new SmilesParseException(text, i, "m: atom index out of range");
                var cands = new List<int>();
                foreach (var c in parts[1].Split('.'))
                {
                    if (!int.TryParse(c, out var ci) || (uint)ci >= (uint)m.AtomCount)
                        throw new SmilesParseException(text, i, "m: candidate index out of range");
                    cands.Add(ci);
                }
                m.PositionVariations.Add(new PositionVariation(atom, cands));
                i = end;
            }
            else i++;
        }
    }

    /// <summary>A <c>*</c> drawn inside an aromatic ring (a ring-atom variable "X") is aromatic, as RDKit reads it:
    /// its ring bonds to aromatic atoms become aromatic.</summary>
    private static void AromaticDummies(Molecule m)
    {
        var ring = RingBonds.Find(m);
        for (var a = 0; a < m.AtomCount; a++)
        {
            if (m.Atoms[a].Element != 0) continue;
            var aromaticRingBonds = 0;
            foreach (var b in m.BondsOf(a))
                if (ring[b] && m.Atoms[m.Bonds[b].Other(a)].IsAromatic && m.Bonds[b].Order is BondOrder.Single or BondOrder.Aromatic) aromaticRingBonds++;
            if (aromaticRingBonds < 2) continue;
            m.Atoms[a].IsAromatic = true;
            foreach (var b in m.BondsOf(a))
                if (ring[b] && m.Atoms[m.Bonds[b].Other(a)].IsAromatic) { m.Bonds[b].Order = BondOrder.Aromatic; m.Bonds[b].IsAromatic = true; }
        }
    }

    private static readonly int[][] Valences = BuildValences();

    private static int[][] BuildValences()
    {
        var v = new int[54][];
        v[5] = [3]; v[6] = [4]; v[7] = [3, 5]; v[8] = [2]; v[9] = [1]; v[15] = [3, 5]; v[16] = [2, 4, 6];
        v[17] = [1]; v[35] = [1]; v[53] = [1]; v[34] = [2, 4, 6]; v[33] = [3, 5];
        return v;
    }

    /// <summary>Organic-subset atoms get H up to the smallest default valence that fits (aromatic bonds count 1.5,
    /// rounded down, so an aromatic CH ring carbon gets one H).</summary>
    private static void AddImplicitHydrogens(Molecule m)
    {
        for (var a = 0; a < m.AtomCount; a++)
        {
            var atom = m.Atoms[a];
            if (atom.IsBracket || atom.Element == 0 || atom.Element >= Valences.Length || Valences[atom.Element] is null)
            {
                atom.ImplicitHydrogens = 0;
                continue;
            }
            double sum = 0;
            foreach (var b in m.BondsOf(a))
            {
                var bond = m.Bonds[b];
                sum += bond.Order switch { BondOrder.Double => 2, BondOrder.Triple => 3, BondOrder.Aromatic => 1.5, _ => 1 };
            }
            var used = (int)Math.Floor(sum);
            if (atom.IsAromatic && atom.Element is 7 or 8 or 16 or 15) { atom.ImplicitHydrogens = 0; continue; }
            var h = 0;
            foreach (var v in Valences[atom.Element])
                if (v >= used) { h = v - used; break; }
            atom.ImplicitHydrogens = h;
        }
    }

    private sealed class Parser(string s, string text)
    {
        private int _pos;
        private readonly Molecule _m = new();
        private readonly Dictionary<int, (int Atom, BondOrder? Order, BondDirection Dir)> _rings = [];

        public Molecule Run()
        {
            var stack = new Stack<int>();
            var prev = -1;
            BondOrder? pending = null;
            var dir = BondDirection.None;
            if (s.Length == 0) throw Error("empty SMILES");
            while (_pos < s.Length)
            {
                var c = s[_pos];
                switch (c)
                {
                    case '(':
                        if (prev < 0) throw Error("branch before any atom");
                        stack.Push(prev); _pos++; continue;
                    case ')':
                        if (stack.Count == 0) throw Error("unbalanced ')'");
                        prev = stack.Pop(); _pos++; continue;
                    case '.': prev = -1; _pos++; continue;
                    case '-': pending = BondOrder.Single; _pos++; continue;
                    case '=': pending = BondOrder.Double; _pos++; continue;
                    case '#': pending = BondOrder.Triple; _pos++; continue;
                    case ':': pending = BondOrder.Aromatic; _pos++; continue;
                    case '/': pending = BondOrder.Single; dir = BondDirection.Up; _pos++; continue;
                    case '\\': pending = BondOrder.Single; dir = BondDirection.Down; _pos++; continue;
                }
                if (char.IsDigit(c) || c == '%')
                {
                    if (prev < 0) throw Error("ring closure before any atom");
                    int num;
                    if (c == '%')
                    {
                        if (_pos + 2 >= s.Length || !char.IsDigit(s[_pos + 1]) || !char.IsDigit(s[_pos + 2])) throw Error("expected two digits after %");
                        num = (s[_pos + 1] - '0') * 10 + (s[_pos + 2] - '0');
                        _pos += 3;
                    }
                    else { num = c - '0'; _pos++; }
                    if (_rings.Remove(num, out var open))
                    {
                        if (open.Atom == prev || _m.BondIndex(open.Atom, prev) >= 0) throw Error("ring closure duplicates a bond");
                        var order = pending ?? open.Order ?? Implicit(open.Atom, prev);
                        _m.AddBond(new Bond(open.Atom, prev, order) { IsAromatic = order == BondOrder.Aromatic, Direction = dir });
                    }
                    else _rings[num] = (prev, pending, dir);
                    pending = null; dir = BondDirection.None;
                    continue;
                }
                var atom = ReadAtom();
                var idx = _m.AddAtom(atom);
                if (prev >= 0)
                {
                    var order = pending ?? Implicit(prev, idx);
                    _m.AddBond(new Bond(prev, idx, order) { IsAromatic = order == BondOrder.Aromatic, Direction = dir });
                }
                pending = null; dir = BondDirection.None;
                prev = idx;
            }
            if (stack.Count > 0) throw Error("unclosed branch");
            if (_rings.Count > 0) throw Error("unclosed ring");
            if (pending is not null) throw Error("bond at end of input");
            return _m;
        }

        private BondOrder Implicit(int a, int b) =>
            _m.Atoms[a].IsAromatic && _m.Atoms[b].IsAromatic ? BondOrder.Aromatic : BondOrder.Single;

        private SmilesParseException Error(string problem) => new(text, _pos, problem);

        private Atom ReadAtom()
        {
            var c = s[_pos];
            if (c == '[') return ReadBracket();
            if (c == '*') { _pos++; return new Atom { Element = 0 }; }
            if (c == 'C' && Peek(1) == 'l') { _pos += 2; return new Atom { Element = 17 }; }
            if (c == 'B' && Peek(1) == 'r') { _pos += 2; return new Atom { Element = 35 }; }
            var z = c switch { 'B' => 5, 'C' => 6, 'N' => 7, 'O' => 8, 'P' => 15, 'S' => 16, 'F' => 9, 'I' => 53, _ => -1 };
            if (z > 0) { _pos++; return new Atom { Element = z }; }
            z = c switch { 'b' => 5, 'c' => 6, 'n' => 7, 'o' => 8, 'p' => 15, 's' => 16, _ => -1 };
            if (z > 0) { _pos++; return new Atom { Element = z, IsAromatic = true }; }
            throw Error($"unexpected character '{c}'");
        }

        private char Peek(int k) => _pos + k < s.Length ? s[_pos + k] : '\0';

        private Atom ReadBracket()
        {
            var close = s.IndexOf(']', _pos);
            if (close < 0) throw Error("unterminated bracket atom");
            var body = s[(_pos + 1)..close];
            var i = 0;
            var atom = new Atom { IsBracket = true, ExplicitHydrogens = 0 };
            while (i < body.Length && char.IsDigit(body[i])) atom.Isotope = atom.Isotope * 10 + (body[i++] - '0');
            if (i >= body.Length) throw Error("bracket atom without element");
            if (body[i] == '*') { atom.Element = 0; i++; }
            else
            {
                var aromatic = char.IsLower(body[i]);
                var len = i + 1 < body.Length && char.IsLower(body[i + 1]) ? 2 : 1;
                var sym = body.Substring(i, len);
                var z = Elements.AtomicNumber(char.ToUpperInvariant(sym[0]) + sym[1..]);
                if (len == 2 && (z < 0 || (aromatic && sym is not ("se" or "as"))))
                {
                    len = 1; sym = body.Substring(i, 1);
                    z = Elements.AtomicNumber(char.ToUpperInvariant(sym[0]).ToString());
                }
                if (z <= 0) throw Error($"unknown element in [{body}]");
                atom.Element = z; atom.IsAromatic = aromatic; i += len;
            }
            while (i < body.Length && body[i] == '@') { atom.Chirality = body[i + 0] == '@' && i + 1 < body.Length && body[i + 1] == '@' ? Chirality.Clockwise : Chirality.CounterClockwise; i += atom.Chirality == Chirality.Clockwise ? 2 : 1; break; }
            if (i < body.Length && body[i] == 'H')
            {
                i++; var h = 1;
                if (i < body.Length && char.IsDigit(body[i])) h = body[i++] - '0';
                atom.ExplicitHydrogens = h;
            }
            if (i < body.Length && (body[i] == '+' || body[i] == '-'))
            {
                var sign = body[i] == '+' ? 1 : -1; i++;
                var n = 1;
                if (i < body.Length && char.IsDigit(body[i])) n = body[i++] - '0';
                else while (i < body.Length && body[i] == (sign > 0 ? '+' : '-')) { n++; i++; }
                atom.Charge = sign * n;
            }
            if (i < body.Length && body[i] == ':')
            {
                i++; var map = 0;
                while (i < body.Length && char.IsDigit(body[i])) map = map * 10 + (body[i++] - '0');
                atom.AtomMap = map;
            }
            if (i != body.Length) throw Error($"unexpected text in bracket atom [{body}]");
            _pos = close + 1;
            return atom;
        }
    }
}
