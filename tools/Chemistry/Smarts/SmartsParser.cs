namespace Sieve.Chemistry.Smarts;

/// <summary>Recursive-descent SMARTS parser over <c>text[start..end)</c>; recursive SMARTS parse their inner
/// text with a nested parser over the same string, so every error position refers to the original input.</summary>
internal sealed partial class SmartsParser(string text, int start, int end, int depth)
{
    // Deeply nested $( ) would otherwise exhaust the stack on hostile input.
    private const int MaxRecursionDepth = 50;

    private readonly string _s = text;
    private readonly int _end = end;
    private int _pos = start;

    private SmartsParseException Error(int position, string problem) => new(_s, position, problem);

    private char Peek => _pos < _end ? _s[_pos] : '\0';
    private char PeekAt(int offset) => _pos + offset < _end ? _s[_pos + offset] : '\0';

    public QueryMolecule Parse()
    {
        if (depth > MaxRecursionDepth) throw Error(_pos, "recursive SMARTS nested too deeply");
        var query = new QueryMolecule(_s[_pos.._end]);
        // RDKit reads the empty string as an empty query (which matches nothing); recursive $() may not be empty.
        if (_pos >= _end)
            return depth == 0 ? query : throw Error(_pos, "expected an atom, found the end of the SMARTS");

        var prev = -1;
        BondExpression? pendingBond = null;
        var pendingBondPos = -1;
        var branches = new Stack<(int Atom, int Pos)>();
        var rings = new Dictionary<int, (int Atom, BondExpression? Bond, int Pos, int Slot)>();

        while (_pos < _end)
        {
            var c = _s[_pos];
            if (IsAtomStart(c))
            {
                var atom = ParseAtom(query);
                if (prev >= 0) query.AddBond(prev, atom, pendingBond ?? SingleOrAromaticBond.Instance);
                prev = atom;
                pendingBond = null;
            }
            else if (c is >= '0' and <= '9' || c == '%')
            {
                var at = _pos;
                if (prev < 0) throw Error(at, "a ring-closure number must follow an atom");
                var number = ParseRingNumber();
                if (rings.Remove(number, out var open))
                {
                    if (open.Atom == prev) throw Error(at, $"ring closure {number} bonds an atom to itself");
                    if (query.BondIndex(open.Atom, prev) >= 0) throw Error(at, $"ring closure {number} duplicates an existing bond");
                    // RDKit keeps the bond written at the opening digit when both ends name one.
                    query.AddBond(open.Atom, prev, open.Bond ?? pendingBond ?? SingleOrAromaticBond.Instance, open.Slot);
                }
                else rings[number] = (prev, pendingBond, at, query.ReserveBondSlot(prev));
                pendingBond = null;
            }
            else if (c == '(')
            {
                if (prev < 0) throw Error(_pos, "a branch must follow an atom");
                if (pendingBond is not null) throw Error(_pos, "expected an atom after the bond, found '('");
                branches.Push((prev, _pos));
                _pos++;
                if (!IsAtomStart(Peek) && !IsBondStart(Peek))
                    throw Error(_pos, "expected an atom or bond to start the branch");
            }
            else if (c == ')')
            {
                if (branches.Count == 0) throw Error(_pos, "')' without a matching '('");
                if (pendingBond is not null) throw Error(_pos, "expected an atom after the bond, found ')'");
                prev = branches.Pop().Atom;
                _pos++;
            }
            else if (c == '.')
            {
                if (prev < 0 || pendingBond is not null) throw Error(_pos, "'.' must follow an atom");
                _pos++;
                if (!IsAtomStart(Peek)) throw Error(_pos, "expected an atom after '.'");
                prev = -1;
            }
            else if (IsBondStart(c))
            {
                if (prev < 0) throw Error(_pos, "a bond must follow an atom");
                if (pendingBond is not null) throw Error(_pos, "two bonds in a row");
                pendingBondPos = _pos;
                pendingBond = ParseBondExpression();
            }
            else throw Error(_pos, $"unexpected character '{Printable(c)}'; expected an atom, bond, ring closure, branch or '.'");
        }

        if (pendingBond is not null) throw Error(pendingBondPos, "bond at the end of the SMARTS has no atom after it");
        if (branches.Count > 0) throw Error(branches.Peek().Pos, "unclosed branch '('");
        if (rings.Count > 0)
        {
            var first = int.MaxValue;
            foreach (var r in rings.Values) first = Math.Min(first, r.Pos);
            throw Error(first, "unclosed ring closure");
        }
        return query;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private static bool IsAtomStart(char c) => c is '[' or '*' or 'B' or 'C' or 'N' or 'O' or 'P' or 'S' or 'F' or 'I'
        or 'b' or 'c' or 'n' or 'o' or 's' or 'p' or 'a' or 'A';

    private static bool IsBondStart(char c) => c is '-' or '=' or '#' or '$' or ':' or '~' or '@' or '/' or '\\' or '!';

    private int ParseRingNumber()
    {
        var c = _s[_pos];
        if (c != '%')
        {
            _pos++;
            return c - '0';
        }
        var at = _pos++;
        if (Peek == '(')
        {
            _pos++;
            var digitsAt = _pos;
            var n = ParseNumber(maxDigits: 5);
            if (n < 0) throw Error(digitsAt, "expected a ring-closure number after '%('");
            if (Peek != ')') throw Error(_pos, "expected ')' to close '%('");
            _pos++;
            return n;
        }
        if (!char.IsAsciiDigit(Peek) || !char.IsAsciiDigit(PeekAt(1)) || Peek == '0')
            throw Error(at, "expected two digits (10 to 99) after '%'");
        var value = (_s[_pos] - '0') * 10 + (_s[_pos + 1] - '0');
        _pos += 2;
        return value;
    }

    /// <summary>Reads up to <paramref name="maxDigits"/> decimal digits; -1 when none are there. Where RDKit's
    /// grammar takes a plain non-zero number (atom maps, range bounds) a leading zero is refused as it is there.</summary>
    private int ParseNumber(int maxDigits = 9, bool noLeadingZero = false)
    {
        var at = _pos;
        if (noLeadingZero && Peek == '0' && char.IsAsciiDigit(PeekAt(1)))
            throw Error(at, "number with a leading zero");
        var value = 0;
        while (_pos < _end && char.IsAsciiDigit(_s[_pos]))
        {
            if (_pos - at >= maxDigits) throw Error(at, "number too large");
            value = value * 10 + (_s[_pos] - '0');
            _pos++;
        }
        return _pos == at ? -1 : value;
    }

    private int ParseAtom(QueryMolecule query)
    {
        var c = _s[_pos];
        if (c == '[') return ParseBracketAtom(query);
        _pos++;
        AtomExpression e;
        switch (c)
        {
            case '*': e = AnyAtom.Instance; break;
            case 'a': e = new AromaticAtom(true); break;
            case 'A': e = new AromaticAtom(false); break;
            case 'C' when Peek == 'l': _pos++; e = new ElementAtom(17, false); break;
            case 'B' when Peek == 'r': _pos++; e = new ElementAtom(35, false); break;
            default:
                var aromatic = char.IsAsciiLetterLower(c);
                var z = Elements.AtomicNumber(aromatic ? char.ToUpperInvariant(c).ToString() : c.ToString());
                e = new ElementAtom(z, aromatic);
                break;
        }
        return query.AddAtom(new QueryAtom(e));
    }
}
