using System.Text;

namespace Sieve.Chemistry.Smiles;

/// <summary>Reads the CXSMILES block <c>|...|</c> after a SMILES. Implemented: atom labels <c>$...$</c>,
/// position variation <c>m:</c> and repeat units <c>Sg:n:</c>. Recognised but skipped (their syntax is still checked): coordinates
/// <c>(...)</c>, <c>$_AV:...$</c>, wedges and stereo groups (<c>w</c> <c>wU</c> <c>wD</c> <c>a</c> <c>o</c>
/// <c>&amp;</c> <c>c</c> <c>t</c> <c>ctu</c> <c>r</c>), radicals <c>^n</c>, <c>lp</c> <c>rb</c> <c>u</c>
/// <c>s</c> <c>f</c> <c>RG</c> <c>LN</c> <c>LO</c> <c>ha</c>, and the free-text fields <c>atomProp</c> and
/// the other <c>Sg*</c>. Anything else is an error, so a typo is never silently accepted.</summary>
internal sealed class CxsmilesParser(string s, Molecule mol)
{
    private int _pos;

    private static readonly string[] ListFields =
        ["wU:", "wD:", "w:", "a:", "o:", "ctu:", "c:", "t:", "lp:", "rb:", "u:", "s:", "f:", "RG:", "LN:", "LO:", "ha:", "r"];

    private static readonly string[] TextFields = ["atomProp:", "SgD:", "SgH:", "Sg:"];

    private SmilesParseException Error(int position, string problem) => new(s, position, problem);

    private char At(int i) => i < s.Length ? s[i] : '\0';

    public void Parse(ref int pos)
    {
        _pos = pos + 1; // past the opening '|'
        if (At(_pos) == '|') { pos = _pos + 1; return; }
        while (true)
        {
            Field();
            var c = At(_pos);
            if (c == '|') { _pos++; break; }
            if (c == ',') { _pos++; continue; }
            throw Error(_pos, c == '\0' ? "unclosed CXSMILES block: expected '|'" : $"unexpected '{SmilesReaderParser.Printable(c)}' in CXSMILES: expected ',' or '|'");
        }
        pos = _pos;
    }

    private bool StartsWith(string prefix) => string.CompareOrdinal(s, _pos, prefix, 0, prefix.Length) == 0 && _pos + prefix.Length <= s.Length;

    private void Field()
    {
        var c = At(_pos);
        if (c == '$')
        {
            if (StartsWith("$_AV:")) { SkipTo('$', _pos + 5); return; }
            Labels();
            return;
        }
        if (c == '(') { Coordinates(); return; }
        if (StartsWith("m:")) { PositionVariation(); return; }
        if (StartsWith("Sg:n:")) { RepeatUnit(); return; }
        if (c == '&' || c == '^')
        {
            // '&1:0,2' (stereo group) or '^1:0,2' (radical): digits then ':' then an index list.
            _pos++;
            if (!char.IsAsciiDigit(At(_pos))) throw Error(_pos, $"expected a number after '{c}'");
            while (char.IsAsciiDigit(At(_pos))) _pos++;
            IndexList(requireColon: true);
            return;
        }
        foreach (var f in TextFields)
            if (StartsWith(f)) { _pos += f.Length; SkipText(); return; }
        foreach (var f in ListFields)
            if (StartsWith(f))
            {
                _pos += f.Length;
                if (f == "r") return; // relative stereo flag has no argument
                IndexList(requireColon: false);
                return;
            }
        throw Error(_pos, c == '\0' ? "unclosed CXSMILES block: expected '|'" : $"unknown CXSMILES field starting at '{SmilesReaderParser.Printable(c)}'");
    }

    private void SkipTo(char close, int from)
    {
        var i = s.IndexOf(close, from);
        if (i < 0) throw Error(_pos, $"unclosed CXSMILES field: expected '{close}'");
        _pos = i + 1;
    }

    /// <summary>Index lists like <c>0.1,2.3</c> or <c>1:2,3</c>: digits, '.', ':' and ',' when a digit follows.</summary>
    private void IndexList(bool requireColon)
    {
        if (requireColon)
        {
            if (At(_pos) != ':') throw Error(_pos, "expected ':'");
            _pos++;
        }
        var start = _pos;
        while (true)
        {
            var c = At(_pos);
            if (char.IsAsciiDigit(c) || c == '.' || c == ':') { _pos++; continue; }
            if (c == ',' && char.IsAsciiDigit(At(_pos + 1))) { _pos++; continue; }
            break;
        }
        if (_pos == start) throw Error(_pos, "expected atom indices");
    }

    /// <summary>Free text up to the next ',' that starts a known field, or the closing '|'.</summary>
    private void SkipText()
    {
        while (true)
        {
            var c = At(_pos);
            if (c == '\0') throw Error(_pos, "unclosed CXSMILES block: expected '|'");
            if (c == '|') return;
            if (c == ',' && StartsField(_pos + 1)) return;
            _pos++;
        }
    }

    private bool StartsField(int at)
    {
        var save = _pos;
        _pos = at;
        var c = At(_pos);
        var known = c is '$' or '(' or '&' or '^' || StartsWith("m:");
        if (!known)
            foreach (var f in TextFields) if (StartsWith(f)) { known = true; break; }
        if (!known)
            foreach (var f in ListFields) if (f != "r" && StartsWith(f)) { known = true; break; }
        _pos = save;
        return known;
    }

    private void Coordinates()
    {
        var start = _pos;
        _pos++;
        while (true)
        {
            var c = At(_pos);
            if (c == ')') { _pos++; return; }
            if (c == '\0') throw Error(start, "unclosed coordinates: expected ')'");
            if (!(char.IsAsciiDigit(c) || c is '.' or ',' or ';' or '-' or '+' or 'e' or 'E'))
                throw Error(_pos, $"unexpected '{SmilesReaderParser.Printable(c)}' in coordinates");
            _pos++;
        }
    }

    private void Labels()
    {
        var start = _pos;
        _pos++; // '$'
        var atom = 0;
        var labelStart = _pos;
        var text = new StringBuilder();
        while (true)
        {
            var c = At(_pos);
            if (c == '\0') throw Error(start, "unclosed atom labels: expected '$'");
            if (c == ';' || c == '$')
            {
                if (text.Length > 0)
                {
                    if (atom >= mol.AtomCount) throw Error(labelStart, $"atom label for atom {atom}, but the molecule has {mol.AtomCount} atoms");
                    mol.Atoms[atom].Label = text.ToString();
                    text.Clear();
                }
                atom++;
                _pos++;
                labelStart = _pos;
                if (c == '$') return;
                continue;
            }
            if (c == '&' && At(_pos + 1) == '#')
            {
                // XML-style character reference, e.g. &#59; for ';'.
                var i = _pos + 2;
                var code = 0;
                while (char.IsAsciiDigit(At(i)) && code < 0x10000) { code = code * 10 + (s[i] - '0'); i++; }
                if (At(i) == ';' && i > _pos + 2 && code is > 0 and < 0xD800)
                {
                    text.Append((char)code);
                    _pos = i + 1;
                    continue;
                }
            }
            text.Append(c);
            _pos++;
        }
    }

    private void PositionVariation()
    {
        _pos += 2; // "m:"
        while (true)
        {
            var atom = Index();
            if (At(_pos) != ':') throw Error(_pos, "expected ':' after the position-variation atom");
            _pos++;
            var candidates = new List<int> { Index() };
            while (At(_pos) == '.')
            {
                _pos++;
                candidates.Add(Index());
            }
            mol.PositionVariations.Add(new PositionVariation(atom, candidates));
            // Another group of the same field follows a ',' when it starts with a digit.
            if (At(_pos) == ',' && char.IsAsciiDigit(At(_pos + 1))) { _pos++; continue; }
            return;
        }
    }

    /// <summary><c>Sg:n:</c> atoms (comma-separated) <c>:</c> subscript <c>:</c> connection, then the fields
    /// this model does not keep (bracket style and the like) as free text.</summary>
    private void RepeatUnit()
    {
        _pos += 5; // "Sg:n:"
        var atoms = new List<int> { Index() };
        while (At(_pos) == ',' && char.IsAsciiDigit(At(_pos + 1)))
        {
            _pos++;
            atoms.Add(Index());
        }
        if (At(_pos) != ':') throw Error(_pos, "expected ':' after the repeat unit's atoms");
        _pos++;
        var subscript = Word();
        var connection = "";
        if (At(_pos) == ':')
        {
            _pos++;
            connection = Word();
        }
        mol.RepeatUnits.Add(new RepeatUnit(atoms, subscript, connection));
        SkipText();
    }

    private string Word()
    {
        var start = _pos;
        while (At(_pos) is not ('\0' or ':' or '|' or ',')) _pos++;
        return s[start.._pos];
    }

    private int Index()
    {
        var start = _pos;
        long v = 0;
        while (char.IsAsciiDigit(At(_pos)))
        {
            v = v * 10 + (s[_pos] - '0');
            if (v > int.MaxValue) throw Error(start, "atom index is too large");
            _pos++;
        }
        if (_pos == start) throw Error(_pos, "expected an atom index");
        if (v >= mol.AtomCount) throw Error(start, $"atom index {v} is out of range (the molecule has {mol.AtomCount} atoms)");
        return (int)v;
    }
}
