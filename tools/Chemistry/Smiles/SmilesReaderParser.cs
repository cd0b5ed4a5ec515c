namespace Sieve.Chemistry.Smiles;

/// <summary>Single-pass scanner over one SMILES string. One instance per call; not thread-safe.</summary>
internal sealed class SmilesReaderParser
{
    private readonly string _s;
    private int _pos;
    private readonly Molecule _mol = new();

    // Ring closures open at the moment: digit -> where it was opened.
    private readonly Dictionary<int, OpenRing> _rings = [];

    // Written neighbour order for atoms that opened a ring closure (their bond list must be reordered at the end
    // so the ring bond sits where its digit was written). Entry = bond index, or -1 placeholder for an open ring.
    private readonly Dictionary<int, List<int>> _slots = [];

    private readonly record struct OpenRing(int Atom, char BondSymbol, int Position, int Slot);

    public SmilesReaderParser(string s) => _s = s;

    public Molecule Parse()
    {
        var end = 0;
        while (end < _s.Length && !IsSeparator(_s[end])) end++;
        ParseSmiles(end);
        _pos = end;
        SkipSpaces();
        if (_pos < _s.Length && _s[_pos] == '|')
        {
            new CxsmilesParser(_s, _mol).Parse(ref _pos);
            SkipSpaces();
        }
        if (_pos < _s.Length)
        {
            var name = _s[_pos..].Trim();
            if (name.Length > 0) _mol.Name = name;
        }
        return _mol;
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\r' or '\n';

    private void SkipSpaces()
    {
        while (_pos < _s.Length && IsSeparator(_s[_pos])) _pos++;
    }

    private SmilesParseException Error(int position, string problem) => new(_s, position, problem);

    private void ParseSmiles(int end)
    {
        if (end == 0) return; // empty SMILES -> empty molecule, as RDKit does
        var prev = -1;
        var branchStack = new Stack<(int Atom, int Position)>();
        char bond = '\0';
        var bondPos = -1;
        var expectAtom = true; // at start, after '.', '(' or a bond symbol an atom (or branch/ring) is required

        while (_pos < end)
        {
            var c = _s[_pos];
            switch (c)
            {
                case '(':
                    if (prev < 0) throw Error(_pos, "a branch '(' must follow an atom");
                    if (bond != '\0') throw Error(bondPos, "a bond symbol must be followed by an atom, found '('");
                    branchStack.Push((prev, _pos));
                    _pos++;
                    expectAtom = true;
                    break;
                case ')':
                    if (branchStack.Count == 0) throw Error(_pos, "')' without a matching '('");
                    if (bond != '\0') throw Error(bondPos, "a bond symbol must be followed by an atom, found ')'");
                    if (expectAtom) throw Error(_pos, "empty branch: expected an atom before ')'");
                    prev = branchStack.Pop().Atom;
                    _pos++;
                    expectAtom = false;
                    break;
                case '.':
                    if (bond != '\0') throw Error(bondPos, "a bond symbol must be followed by an atom, found '.'");
                    if (expectAtom) throw Error(_pos, "expected an atom before '.'");
                    if (branchStack.Count > 0) throw Error(_pos, "'.' inside a branch is not supported");
                    prev = -1;
                    _pos++;
                    expectAtom = true;
                    break;
                case '-' or '=' or '#' or '$' or ':' or '/' or '\\':
                    if (bond != '\0') throw Error(_pos, $"two bond symbols in a row ('{bond}{c}')");
                    if (prev < 0) throw Error(_pos, $"bond symbol '{c}' must follow an atom");
                    bond = c;
                    bondPos = _pos;
                    _pos++;
                    expectAtom = true;
                    break;
                case '%' or (>= '0' and <= '9'):
                    if (prev < 0) throw Error(_pos, "a ring-closure digit must follow an atom");
                    RingClosure(prev, bond, end);
                    bond = '\0';
                    expectAtom = false;
                    break;
                default:
                    var atom = ParseAtom(end);
                    if (prev >= 0) AddBondCore(prev, atom, bond, reversed: false, ringClosure: false);
                    bond = '\0';
                    prev = atom;
                    expectAtom = false;
                    break;
            }
        }
        if (bond != '\0') throw Error(bondPos, $"bond symbol '{bond}' at the end: expected an atom after it");
        if (branchStack.Count > 0) throw Error(branchStack.Peek().Position, "unclosed branch: expected ')'");
        if (expectAtom) throw Error(end, "expected an atom at the end of the SMILES");
        if (_rings.Count > 0)
        {
            var first = int.MaxValue;
            var digit = 0;
            foreach (var (d, r) in _rings)
                if (r.Position < first) { first = r.Position; digit = d; }
            throw Error(first, $"unclosed ring: ring-closure {digit} is never closed");
        }
        foreach (var (atom, slots) in _slots)
            _mol.SetBondOrderAt(atom, slots);
    }

    private void RingClosure(int atom, char bond, int end)
    {
        var start = _pos;
        int digit;
        if (_s[_pos] == '%')
        {
            _pos++;
            if (_pos + 2 > end || !char.IsAsciiDigit(_s[_pos]) || !char.IsAsciiDigit(_s[_pos + 1]))
                throw Error(_pos, "expected two digits after '%'");
            digit = (_s[_pos] - '0') * 10 + (_s[_pos + 1] - '0');
            _pos += 2;
        }
        else
        {
            digit = _s[_pos] - '0';
            _pos++;
        }

        if (_rings.Remove(digit, out var open))
        {
            if (open.Atom == atom) throw Error(start, $"ring closure {digit} bonds an atom to itself");
            if (_mol.BondIndex(open.Atom, atom) >= 0) throw Error(start, $"ring closure {digit} duplicates an existing bond");
            // The opening side's symbol wins when both are written, as RDKit reads it.
            char symbol;
            bool reversed;
            if (open.BondSymbol != '\0') { symbol = open.BondSymbol; reversed = false; }
            else { symbol = bond; reversed = true; }
            var index = AddBondCore(open.Atom, atom, symbol, reversed, ringClosure: true);
            _slots[open.Atom][open.Slot] = index;
        }
        else
        {
            if (!_slots.TryGetValue(atom, out var slots))
            {
                slots = [.. _mol.BondsOf(atom)];
                _slots[atom] = slots;
            }
            slots.Add(-1);
            _rings[digit] = new OpenRing(atom, bond, start, slots.Count - 1);
        }
    }

    private int AddBondCore(int begin, int end, char symbol, bool reversed, bool ringClosure)
    {
        var a = _mol.Atoms[begin];
        var b = _mol.Atoms[end];
        var order = symbol switch
        {
            '=' => BondOrder.Double,
            '#' => BondOrder.Triple,
            '$' => BondOrder.Quadruple,
            ':' => BondOrder.Aromatic,
            '\0' => a.IsAromatic && b.IsAromatic ? BondOrder.Aromatic : BondOrder.Single,
            _ => BondOrder.Single,
        };
        var bondObj = new Bond(begin, end, order) { IsAromatic = order == BondOrder.Aromatic };
        if (symbol is '/' or '\\')
        {
            var up = symbol == '/';
            if (reversed) up = !up;
            bondObj.Direction = up ? BondDirection.Up : BondDirection.Down;
        }
        var index = _mol.AddBond(bondObj);
        // Atoms with a pending ring slot list need every later bond recorded in written order.
        // (The opener's ring bond fills its placeholder instead, see RingClosure.)
        if (!ringClosure && _slots.TryGetValue(begin, out var s1)) s1.Add(index);
        if (_slots.TryGetValue(end, out var s2)) s2.Add(index);
        return index;
    }

    private int ParseAtom(int end)
    {
        var c = _s[_pos];
        var atom = new Atom();
        if (c == '[')
        {
            new SmilesReaderBracketAtom(_s, end).Parse(ref _pos, atom);
        }
        else if (c == '*')
        {
            atom.Element = 0;
            _pos++;
        }
        else
        {
            ParseOrganic(atom, end);
        }
        return _mol.AddAtom(atom);
    }

    private void ParseOrganic(Atom atom, int end)
    {
        var c = _s[_pos];
        var next = _pos + 1 < end ? _s[_pos + 1] : '\0';
        switch (c)
        {
            case 'B':
                if (next == 'r') { atom.Element = 35; _pos += 2; return; }
                atom.Element = 5; break;
            case 'C':
                if (next == 'l') { atom.Element = 17; _pos += 2; return; }
                atom.Element = 6; break;
            case 'N': atom.Element = 7; break;
            case 'O': atom.Element = 8; break;
            case 'P': atom.Element = 15; break;
            case 'S': atom.Element = 16; break;
            case 'F': atom.Element = 9; break;
            case 'I': atom.Element = 53; break;
            case 'b': atom.Element = 5; atom.IsAromatic = true; break;
            case 'c': atom.Element = 6; atom.IsAromatic = true; break;
            case 'n': atom.Element = 7; atom.IsAromatic = true; break;
            case 'o': atom.Element = 8; atom.IsAromatic = true; break;
            case 'p': atom.Element = 15; atom.IsAromatic = true; break;
            case 's': atom.Element = 16; atom.IsAromatic = true; break;
            default:
                throw Error(_pos, char.IsAsciiLetter(c)
                    ? $"unknown organic-subset element '{c}' (other elements need brackets, e.g. [{c}])"
                    : $"unexpected character '{Printable(c)}': expected an atom, bond, branch or ring closure");
        }
        _pos++;
    }

    internal static string Printable(char c) => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString();
}
