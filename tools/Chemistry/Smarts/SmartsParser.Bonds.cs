using Sieve.Chemistry.Substructure;

namespace Sieve.Chemistry.Smarts;

internal sealed partial class SmartsParser
{
    private static bool IsBondPrimitive(char c) => c is '-' or '=' or '#' or '$' or ':' or '~' or '@' or '/' or '\\';

    private BondExpression ParseBondExpression()
    {
        var parts = new List<BondExpression> { ParseBondOr() };
        while (Peek == ';')
        {
            _pos++;
            parts.Add(ParseBondOr());
        }
        return parts.Count == 1 ? parts[0] : new AndBond([.. parts]);
    }

    private BondExpression ParseBondOr()
    {
        var parts = new List<BondExpression> { ParseBondHighAnd() };
        while (Peek == ',')
        {
            _pos++;
            parts.Add(ParseBondHighAnd());
        }
        return parts.Count == 1 ? parts[0] : new OrBond([.. parts]);
    }

    private BondExpression ParseBondHighAnd()
    {
        var parts = new List<BondExpression> { ParseBondUnary() };
        while (true)
        {
            if (Peek == '&')
            {
                _pos++;
                parts.Add(ParseBondUnary());
            }
            else if (IsBondPrimitive(Peek) || Peek == '!')
                parts.Add(ParseBondUnary());
            else break;
        }
        return parts.Count == 1 ? parts[0] : new AndBond([.. parts]);
    }

    private BondExpression ParseBondUnary()
    {
        if (Peek == '!')
        {
            _pos++;
            return new NotBond(ParseBondUnary());
        }
        var at = _pos;
        if (_pos >= _end) throw Error(at, "expected a bond primitive, found the end of the SMARTS");
        var c = _s[_pos];
        if (!IsBondPrimitive(c)) throw Error(at, $"unexpected '{Printable(c)}'; expected a bond primitive (- = # $ : ~ @ / \\)");
        _pos++;
        return c switch
        {
            '-' or '/' or '\\' => new BondTypeIs(TargetBondType.Single),
            '=' => new BondTypeIs(TargetBondType.Double),
            '#' => new BondTypeIs(TargetBondType.Triple),
            '$' => new BondTypeIs(TargetBondType.Quadruple),
            ':' => new BondTypeIs(TargetBondType.Aromatic),
            '~' => AnyBond.Instance,
            _ => RingBond.Instance,
        };
    }
}
