namespace Sieve.Chemistry.Smiles;

/// <summary>Reads one bracket atom: <c>[</c> isotope? symbol chirality? hcount? charge? class? <c>]</c>.</summary>
internal readonly struct SmilesReaderBracketAtom(string s, int end)
{
    // Numbers larger than this are not chemistry and would overflow; reject them with a position.
    private const int MaxNumber = 999_999;

    private SmilesParseException Error(int position, string problem) => new(s, position, problem);

    private char At(int i) => i < end ? s[i] : '\0';

    public void Parse(ref int pos, Atom atom)
    {
        var open = pos;
        pos++; // '['
        atom.IsBracket = true;
        atom.ExplicitHydrogens = 0;

        if (char.IsAsciiDigit(At(pos))) atom.Isotope = Number(ref pos, "isotope");

        ParseSymbol(ref pos, atom);

        if (At(pos) == '@') atom.Chirality = ParseChirality(ref pos);

        if (At(pos) == 'H')
        {
            pos++;
            atom.ExplicitHydrogens = char.IsAsciiDigit(At(pos)) ? Number(ref pos, "hydrogen count") : 1;
        }

        if (At(pos) is '+' or '-') atom.Charge = ParseCharge(ref pos);

        if (At(pos) == ':')
        {
            pos++;
            if (!char.IsAsciiDigit(At(pos))) throw Error(pos, "expected an atom-class number after ':'");
            atom.AtomMap = Number(ref pos, "atom class");
        }

        if (pos >= end) throw Error(open, "unclosed bracket atom: expected ']'");
        if (s[pos] != ']')
            throw Error(pos, $"unexpected '{SmilesReaderParser.Printable(s[pos])}' in bracket atom: expected ']'");
        pos++;
    }

    private int Number(ref int pos, string what)
    {
        var start = pos;
        long value = 0;
        while (char.IsAsciiDigit(At(pos)))
        {
            value = value * 10 + (s[pos] - '0');
            if (value > MaxNumber) throw Error(start, $"{what} is too large");
            pos++;
        }
        return (int)value;
    }

    private void ParseSymbol(ref int pos, Atom atom)
    {
        var c = At(pos);
        if (c == '*') { atom.Element = 0; pos++; return; }
        if (char.IsAsciiLetterUpper(c))
        {
            var next = At(pos + 1);
            if (char.IsAsciiLetterLower(next) && Elements.TryGetAtomicNumber(s.AsSpan(pos, 2), out var z2))
            {
                atom.Element = z2;
                pos += 2;
                return;
            }
            if (Elements.TryGetAtomicNumber(s.AsSpan(pos, 1), out var z1) && z1 > 0)
            {
                atom.Element = z1;
                pos++;
                return;
            }
            throw Error(pos, $"unknown element symbol starting with '{c}'");
        }
        if (char.IsAsciiLetterLower(c))
        {
            // Aromatic symbols RDKit accepts in brackets.
            var next = At(pos + 1);
            var two = (c, next) switch
            {
                ('s', 'e') => 34,
                ('a', 's') => 33,
                ('t', 'e') => 52,
                _ => 0,
            };
            if (two > 0) { atom.Element = two; atom.IsAromatic = true; pos += 2; return; }
            var one = c switch { 'b' => 5, 'c' => 6, 'n' => 7, 'o' => 8, 'p' => 15, 's' => 16, _ => 0 };
            if (one > 0) { atom.Element = one; atom.IsAromatic = true; pos++; return; }
            throw Error(pos, $"unknown aromatic element symbol starting with '{c}'");
        }
        throw Error(pos, c == '\0' ? "unclosed bracket atom: expected an element symbol" : $"expected an element symbol in bracket atom, found '{SmilesReaderParser.Printable(c)}'");
    }

    private Chirality ParseChirality(ref int pos)
    {
        var start = pos;
        pos++; // '@'
        if (At(pos) == '@') { pos++; return Chirality.Clockwise; }
        var a = At(pos);
        var b = At(pos + 1);
        string? cls = (a, b) switch
        {
            ('T', 'H') => "TH",
            ('A', 'L') => "AL",
            ('S', 'P') => "SP",
            ('T', 'B') => "TB",
            ('O', 'H') => "OH",
            _ => null,
        };
        if (cls is null) return Chirality.CounterClockwise;
        pos += 2;
        if (!char.IsAsciiDigit(At(pos))) throw Error(pos, $"expected a number after '@{cls}'");
        var n = Number(ref pos, "chirality class number");
        var max = cls switch { "TH" or "AL" => 2, "SP" => 3, "TB" => 20, _ => 30 };
        if (n < 1 || n > max) throw Error(start, $"'@{cls}{n}' is out of range (1..{max})");
        if (cls == "TH") return n == 1 ? Chirality.CounterClockwise : Chirality.Clockwise;
        // Non-tetrahedral classes are read but not represented: the atom is left without chirality.
        return Chirality.None;
    }

    private int ParseCharge(ref int pos)
    {
        var sign = s[pos] == '+' ? 1 : -1;
        var symbol = s[pos];
        pos++;
        if (char.IsAsciiDigit(At(pos)))
        {
            var start = pos;
            var n = Number(ref pos, "charge");
            if (n > 15) throw Error(start, $"charge {n} is out of range");
            return sign * n;
        }
        // '++' and '--' are read; longer runs are refused as RDKit does (write '+3').
        if (At(pos) != symbol) return sign;
        pos++;
        if (At(pos) == symbol) throw Error(pos, $"expected ']' after '{symbol}{symbol}': write larger charges as '{symbol}3'");
        return sign * 2;
    }
}
