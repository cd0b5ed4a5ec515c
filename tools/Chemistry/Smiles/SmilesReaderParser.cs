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

    // Ring closures seen, bonded only at the end (as RDKit does, so bond indices match RDKit's: chain bonds
    // first, then closures by ring number, each number in closing order).
    private readonly List<Closure> _closures = [];

    // Atoms written without a preceding atom (first atom, or right after '.').
    private readonly List<int> _starters = [];

    private readonly record struct OpenRing(int Atom, char BondSymbol, int Position, int Slot);

    private readonly record struct Closure(int Digit, int Opener, int Closer, char Symbol, bool FromOpener, int OpenerSlot, int CloserSlot);

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
                    if (prev < 0 || expectAtom) throw Error(_pos, "a branch '(' must follow an atom");
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
                    // Inside a branch ("C(C.C)C", as RDKit reads it) the next atom starts a new component and
                    // ')' returns to the branch atom.
                    prev = -1;
                    _pos++;
                    expectAtom = true;
                    break;
                case '-' when _pos + 1 < end && _s[_pos + 1] == '>':
                case '<' when _pos + 1 < end && _s[_pos + 1] == '-':
                    throw Error(_pos, "dative bonds ('->', '<-') are not supported");
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
                    else _starters.Add(atom);
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
        // Stable sort by ring number keeps closing order within a number.
        var ordered = _closures.Select((c, i) => (c, i)).OrderBy(x => x.c.Digit).ThenBy(x => x.i);
        foreach (var (c, _) in ordered)
        {
            var index = AddBondCore(c.Closer, c.Opener, c.Symbol, c.FromOpener, ringClosure: true);
            _slots[c.Opener][c.OpenerSlot] = index;
            _slots[c.Closer][c.CloserSlot] = index;
        }
        foreach (var (atom, slots) in _slots)
            _mol.SetBondOrderAt(atom, slots);
        NormalizeStarterHydrogens();
    }

    /// <summary>A chiral atom that begins a part after '.' but whose first ring bond reaches back to an earlier
    /// atom ("C1.[C@H]1(F)Cl") would break the documented rule (H first exactly when the first neighbour has a
    /// higher index): its H is first in the SMILES but the rule places it second, so the parity is flipped.</summary>
    private void NormalizeStarterHydrogens()
    {
        foreach (var i in _starters)
        {
            var a = _mol.Atoms[i];
            if (a.Chirality == Chirality.None || a.ExplicitHydrogens != 1 || _mol.Degree(i) == 0) continue;
            if (_mol.Bonds[_mol.BondsOf(i)[0]].Other(i) > i) continue;
            a.Chirality = a.Chirality == Chirality.Clockwise ? Chirality.CounterClockwise : Chirality.Clockwise;
        }
    }

    private void RingClosure(int atom, char bond, int end)
    {
        var start = _pos;
        int digit;
        if (_s[_pos] == '%')
        {
            _pos++;
            if (_pos < end && _s[_pos] == '(')
            {
                // RDKit's extension: %(n) with any number of digits.
                _pos++;
                var digitsStart = _pos;
                digit = 0;
                while (_pos < end && char.IsAsciiDigit(_s[_pos]))
                {
                    digit = digit * 10 + (_s[_pos] - '0');
                    if (digit > 99_999) throw Error(digitsStart, "ring-closure number is too large");
                    _pos++;
                }
                if (_pos == digitsStart) throw Error(_pos, "expected a ring-closure number after '%('");
                if (_pos >= end || _s[_pos] != ')') throw Error(_pos, "expected ')' after the ring-closure number");
                _pos++;
            }
            else
            {
                if (_pos + 2 > end || !char.IsAsciiDigit(_s[_pos]) || !char.IsAsciiDigit(_s[_pos + 1]))
                    throw Error(_pos, "expected two digits after '%'");
                digit = (_s[_pos] - '0') * 10 + (_s[_pos + 1] - '0');
                _pos += 2;
            }
        }
        else
        {
            digit = _s[_pos] - '0';
            _pos++;
        }

        if (_rings.Remove(digit, out var open))
        {
            if (open.Atom == atom) throw Error(start, $"ring closure {digit} bonds an atom to itself");
            if (_mol.BondIndex(open.Atom, atom) >= 0 || _closures.Exists(c => (c.Opener == open.Atom && c.Closer == atom) || (c.Opener == atom && c.Closer == open.Atom)))
                throw Error(start, $"ring closure {digit} duplicates an existing bond");
            // The opening side's symbol wins when both are written, as RDKit reads it.
            var fromOpener = open.BondSymbol != '\0';
            var symbol = fromOpener ? open.BondSymbol : bond;
            _closures.Add(new Closure(digit, open.Atom, atom, symbol, fromOpener, open.Slot, ReserveSlot(atom)));
        }
        else
        {
            _rings[digit] = new OpenRing(atom, bond, start, ReserveSlot(atom));
        }
    }

    /// <summary>A placeholder in the atom's written neighbour order for a ring bond made later.</summary>
    private int ReserveSlot(int atom)
    {
        if (!_slots.TryGetValue(atom, out var slots))
        {
            slots = [.. _mol.BondsOf(atom)];
            _slots[atom] = slots;
        }
        slots.Add(-1);
        return slots.Count - 1;
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
        // (Ring bonds fill the placeholders reserved where their digits were written.)
        if (!ringClosure && _slots.TryGetValue(begin, out var s1)) s1.Add(index);
        if (!ringClosure && _slots.TryGetValue(end, out var s2)) s2.Add(index);
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
