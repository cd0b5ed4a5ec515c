namespace Sieve.Chemistry.Smarts;

internal sealed partial class SmartsParser
{
    // Elements RDKit's SMARTS lexer knows (it lacks Nh, Mc, Ts, Og), and those it types as aliphatic-only
    // (the organic subset: [Cl] means aliphatic chlorine, [Na] means any sodium).
    private static bool IsSmartsElement(int z) => z > 0 && z <= Elements.MaxAtomicNumber && z is not (113 or 115 or 117 or 118);
    private static bool IsOrganic(int z) => z is 5 or 6 or 7 or 8 or 9 or 15 or 16 or 17 or 35 or 53;

    // Per-bracket state.
    private QueryAtom? _current;

    private int ParseBracketAtom(QueryMolecule query)
    {
        var open = _pos;
        _pos++;
        _current = new QueryAtom(AnyAtom.Instance);
        if (Peek == ']') throw Error(_pos, "empty bracket atom; expected an atom primitive");
        var expr = TryParseHydrogenAtom() ?? ParseLowAnd();
        var map = 0;
        if (Peek == ':')
        {
            _pos++;
            var at = _pos;
            map = ParseNumber(noLeadingZero: true);
            if (map < 0) throw Error(at, "expected an atom-map number after ':'");
        }
        if (_pos >= _end) throw Error(open, "unclosed bracket atom '['");
        if (Peek != ']') throw Error(_pos, $"unexpected '{Printable(Peek)}' in bracket atom; expected a primitive, logic operator or ']'");
        _pos++;
        var atom = new QueryAtom(expr)
        {
            AtomMap = map,
            Chirality = _current.Chirality,
            MatchChirality = _current.Chirality,
        };
        _current = null;
        return query.AddAtom(atom);
    }

    /// <summary>RDKit reads H as the hydrogen atom (not an H count) only in the complete forms
    /// <c>[H]</c>, <c>[2H]</c>, <c>[H+]</c>, <c>[H-2]</c>, <c>[2H+:1]</c>: isotope, H, charge, map, nothing else.</summary>
    private AtomExpression? TryParseHydrogenAtom()
    {
        var start = _pos;
        var isotope = ParseNumber(maxDigits: 4);
        if (Peek != 'H' || PeekAt(1) is not (']' or ':' or '+' or '-'))
        {
            _pos = start;
            return null;
        }
        _pos++;
        AtomExpression e = new ElementAtom(1, null);
        if (isotope >= 0) e = new AndAtom([e, new PropertyAtom(AtomProperty.Isotope, isotope, isotope)]);
        if (Peek is '+' or '-') e = new AndAtom([e, ParseCharge()]);
        if (Peek is not (']' or ':'))
            throw Error(_pos, "a hydrogen atom ([H], [2H+], ...) takes only isotope, charge and map; expected ']' or ':'");
        return e;
    }

    private AtomExpression ParseLowAnd()
    {
        var parts = new List<AtomExpression> { ParseOr() };
        while (Peek == ';')
        {
            _pos++;
            parts.Add(ParseOr());
        }
        return parts.Count == 1 ? parts[0] : new AndAtom([.. parts]);
    }

    private AtomExpression ParseOr()
    {
        var parts = new List<AtomExpression> { ParseHighAnd() };
        while (Peek == ',')
        {
            _pos++;
            parts.Add(ParseHighAnd());
        }
        return parts.Count == 1 ? parts[0] : new OrAtom([.. parts]);
    }

    private AtomExpression ParseHighAnd()
    {
        var parts = new List<AtomExpression>();
        AddUnary(parts);
        while (true)
        {
            if (Peek == '&')
            {
                _pos++;
                AddUnary(parts);
            }
            else if (_pos < _end && Peek is not (';' or ',' or ']' or ':'))
                AddUnary(parts); // juxtaposition is the high-precedence and
            else break;
        }
        if (parts.Count == 0) return AnyAtom.Instance; // only chirality was written, e.g. [@]
        return parts.Count == 1 ? parts[0] : new AndAtom([.. parts]);
    }

    private void AddUnary(List<AtomExpression> parts)
    {
        var e = ParseUnary();
        if (e is not null) parts.Add(e);
    }

    /// <summary>A possibly negated primitive; null for chirality, which is recorded on the atom instead.</summary>
    private AtomExpression? ParseUnary()
    {
        if (Peek == '!')
        {
            _pos++;
            // RDKit reads a negated chirality mark ([!@c]) as a test no atom passes.
            return new NotAtom(ParseUnary() ?? AnyAtom.Instance);
        }
        return ParsePrimitive();
    }

    private AtomExpression? ParsePrimitive()
    {
        var at = _pos;
        if (_pos >= _end) throw Error(_pos, "expected an atom primitive, found the end of the SMARTS");
        var c = _s[_pos];
        switch (c)
        {
            case '*':
                _pos++;
                return AnyAtom.Instance;
            case '#':
            {
                _pos++;
                var n = ParseNumber(maxDigits: 4);
                if (n < 0) throw Error(_pos, "expected an atomic number after '#'");
                return new ElementAtom(n, null);
            }
            case '+':
            case '-':
                return ParseCharge();
            case '@':
                ParseChirality();
                return null;
            case '$':
                return ParseRecursive();
            case '^':
            {
                _pos++;
                if (Peek is < '0' or > '5') throw Error(_pos, "expected a hybridization 0 to 5 after '^'");
                var h = Substructure.Hybridization.FromSmarts(_s[_pos++] - '0');
                return new PropertyAtom(AtomProperty.Hybridization, h, h);
            }
            case >= '0' and <= '9':
            {
                var isotope = ParseNumber(maxDigits: 4);
                return new PropertyAtom(AtomProperty.Isotope, isotope, isotope);
            }
        }
        if (char.IsAsciiLetterUpper(c)) return ParseUpper(at);
        if (char.IsAsciiLetterLower(c)) return ParseLower(at);
        throw Error(at, $"unexpected '{Printable(c)}'; expected an atom primitive");
    }

    private AtomExpression ParseUpper(int at)
    {
        var c = _s[_pos];
        if (char.IsAsciiLetterLower(PeekAt(1))
            && Elements.TryGetAtomicNumber(_s.AsSpan(_pos, 2), out var z2) && IsSmartsElement(z2))
        {
            _pos += 2;
            return new ElementAtom(z2, IsOrganic(z2) ? false : null);
        }
        switch (c)
        {
            case 'A': _pos++; return new AromaticAtom(false);
            case 'D': _pos++; return CountPrimitive(AtomProperty.Degree, 1, exactByDefault: true);
            case 'X': _pos++; return CountPrimitive(AtomProperty.TotalDegree, 1, exactByDefault: true);
            case 'H':
                _pos++;
                return CountPrimitive(AtomProperty.TotalHydrogens, 1, exactByDefault: true, rangeAllowed: false);
            case 'R': _pos++; return CountPrimitive(AtomProperty.RingCount, 1, exactByDefault: false);
            case 'Z': _pos++; return CountPrimitive(AtomProperty.AliphaticHeteroNeighbors, 1, exactByDefault: false);
        }
        if (Elements.TryGetAtomicNumber(_s.AsSpan(_pos, 1), out var z) && IsSmartsElement(z))
        {
            _pos++;
            return new ElementAtom(z, IsOrganic(z) ? false : null);
        }
        throw Error(at, $"unknown element or primitive '{c}'");
    }

    private AtomExpression ParseLower(int at)
    {
        if (PeekAt(1) is 'e' or 's' or 'i')
        {
            var two = _s.AsSpan(_pos, 2);
            int z = two switch { "se" => 34, "as" => 33, "te" => 52, "si" => 14, _ => 0 };
            if (z > 0)
            {
                _pos += 2;
                return new ElementAtom(z, true);
            }
        }
        var c = _s[_pos++];
        switch (c)
        {
            case 'c': return new ElementAtom(6, true);
            case 'n': return new ElementAtom(7, true);
            case 'o': return new ElementAtom(8, true);
            case 's': return new ElementAtom(16, true);
            case 'p': return new ElementAtom(15, true);
            case 'b': return new ElementAtom(5, true);
            case 'a': return new AromaticAtom(true);
            case 'h': return CountPrimitive(AtomProperty.AtomHydrogens, 1, exactByDefault: false);
            case 'v': return CountPrimitive(AtomProperty.TotalValence, 1, exactByDefault: true);
            case 'r': return CountPrimitive(AtomProperty.MinRingSize, 1, exactByDefault: false);
            case 'x': return CountPrimitive(AtomProperty.RingBondCount, 1, exactByDefault: false);
            case 'z': return CountPrimitive(AtomProperty.HeteroNeighbors, 1, exactByDefault: false);
        }
        throw Error(at, $"unknown aromatic symbol or primitive '{c}'");
    }

    /// <summary>The number or <c>{a-b}</c> range after a counting primitive. Without one, RDKit reads
    /// D, X, H, v as "exactly 1" and h, R, r, x, z, Z as "at least 1".</summary>
    private PropertyAtom CountPrimitive(AtomProperty property, int defaultValue, bool exactByDefault, bool rangeAllowed = true)
    {
        if (Peek == '{' && rangeAllowed)
        {
            var (lo, hi) = ParseRange();
            return new PropertyAtom(property, lo, hi);
        }
        var n = ParseNumber(maxDigits: 4);
        if (n >= 0) return new PropertyAtom(property, n, n);
        return exactByDefault
            ? new PropertyAtom(property, defaultValue, defaultValue)
            : new PropertyAtom(property, defaultValue, int.MaxValue);
    }

    /// <summary>RDKit range <c>{a-b}</c>, <c>{a-}</c>, <c>{-b}</c>; a missing bound is open.</summary>
    private (int Lo, int Hi) ParseRange()
    {
        var open = _pos++;
        var lo = ParseNumber(maxDigits: 4, noLeadingZero: true);
        if (Peek != '-') throw Error(_pos, "expected '-' in range query");
        _pos++;
        var hi = ParseNumber(maxDigits: 4, noLeadingZero: true);
        if (lo < 0 && hi < 0) throw Error(open, "range query needs at least one bound");
        if (Peek != '}') throw Error(_pos, "expected '}' to close range query");
        _pos++;
        return (lo < 0 ? int.MinValue : lo, hi < 0 ? int.MaxValue : hi);
    }

    private PropertyAtom ParseCharge()
    {
        var sign = _s[_pos] == '+' ? 1 : -1;
        var symbol = _s[_pos];
        _pos++;
        if (Peek == '{')
        {
            // +{1-2}: charge 1..2; -{1-2}: charge -2..-1 (RDKit ranges the size of a negative charge).
            var (lo, hi) = ParseRange();
            return sign > 0
                ? new PropertyAtom(AtomProperty.Charge, lo, hi)
                : new PropertyAtom(AtomProperty.Charge, hi == int.MaxValue ? int.MinValue : -hi, lo == int.MinValue ? int.MaxValue : -lo);
        }
        var n = ParseNumber(maxDigits: 2);
        if (n < 0)
        {
            n = 1;
            while (Peek == symbol)
            {
                _pos++;
                n++;
            }
        }
        return new PropertyAtom(AtomProperty.Charge, sign * n, sign * n);
    }

    private void ParseChirality()
    {
        _pos++;
        var chirality = Chirality.CounterClockwise;
        if (Peek == '@')
        {
            _pos++;
            chirality = Chirality.Clockwise;
        }
        else if (Peek is 'T' or 'A' or 'S' or 'O' && IsChiralClass(_s.AsSpan(_pos, Math.Min(2, _end - _pos))))
        {
            // Classes @TH1/@TH2 are @/@@; the others (@AL, @SP, @TB, @OH) are read and, as in RDKit, not matched.
            var tetrahedral = _s[_pos] == 'T' && _s[_pos + 1] == 'H';
            _pos += 2;
            var n = ParseNumber(maxDigits: 2);
            chirality = tetrahedral && n == 2 ? Chirality.Clockwise : tetrahedral && n != 0 ? Chirality.CounterClockwise : Chirality.None;
        }
        if (_current!.Chirality == Chirality.None) _current.Chirality = chirality;
    }

    private static bool IsChiralClass(ReadOnlySpan<char> s) => s is "TH" or "AL" or "SP" or "TB" or "OH";

    private RecursiveAtom ParseRecursive()
    {
        var at = _pos;
        _pos++;
        if (Peek != '(') throw Error(_pos, "expected '(' after '$'");
        var innerStart = _pos + 1;
        // Find the matching ')': parentheses nest, and bracket atoms may hold further $( ).
        var level = 0;
        var i = _pos;
        for (; i < _end; i++)
        {
            var c = _s[i];
            if (c == '(') level++;
            else if (c == ')' && --level == 0) break;
        }
        if (i >= _end) throw Error(at, "unclosed recursive SMARTS '$('");
        if (i == innerStart) throw Error(innerStart, "empty recursive SMARTS '$()'");
        // A separate parser (its own bracket state) over the same text keeps error positions absolute.
        var inner = new SmartsParser(_s, innerStart, i, depth + 1).Parse();
        _pos = i + 1;
        return new RecursiveAtom(inner);
    }
}
