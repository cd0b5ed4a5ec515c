using System.Text;

namespace Sieve.Markush.Parsing;

/// <summary>Splitting claim text at separators that are not inside parentheses or brackets.</summary>
internal static class TextUtil
{
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth = Math.Max(0, depth - 1);
            if (c == separator && depth == 0) { parts.Add(sb.ToString()); sb.Clear(); continue; }
            sb.Append(c);
        }
        parts.Add(sb.ToString());
        return parts;
    }

    /// <summary>Depth of parentheses at each position, for regex hits that must be at top level.</summary>
    public static int[] Depths(string text)
    {
        var d = new int[text.Length + 1];
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            d[i] = depth;
            if (text[i] is '(' or '[') depth++;
            else if (text[i] is ')' or ']') { depth = Math.Max(0, depth - 1); d[i] = depth; }
        }
        d[text.Length] = depth;
        return d;
    }

    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            var c = ch switch { '\u2013' or '\u2014' or '\u2212' or '\u2010' or '\u2011' => '-', '\u00a0' => ' ', _ => ch };
            // Subscript digits (C₁₋₆) read as plain digits.
            if (c >= '\u2080' && c <= '\u2089') c = (char)('0' + (c - '\u2080'));
            if (c == '\u208B') c = '-';
            if (char.IsWhiteSpace(c)) { if (!space && sb.Length > 0) sb.Append(' '); space = true; continue; }
            space = false;
            sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    /// <summary>Turns the parser's protected tokens back into claim words for evidence and unparsed text.</summary>
    public static string Unprotect(string text)
    {
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\[size:(\d+)\|(\d+)\]", "$1- or $2-membered");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\[size:(\d+)~(\d+)\]", "$1- to $2-membered");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\[het:(\d+)~(\d+):([\d.]*)\]", m =>
        {
            var kinds = string.Join(", ", m.Groups[3].Value.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(z => z switch { "7" => "N", "8" => "O", "16" => "S", _ => z }));
            var count = m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : $"{m.Groups[1].Value} to {m.Groups[2].Value}";
            return $"containing {count} heteroatom(s){(kinds.Length > 0 ? " selected from " + kinds : "")}";
        });
        return text.Replace("one_or_more", "one or more", StringComparison.Ordinal).Replace("1~2", "1 or 2", StringComparison.Ordinal)
            .Replace("1~3", "1 to 3", StringComparison.Ordinal).Replace("straight_or_branched", "straight or branched", StringComparison.Ordinal)
            .Replace("monodi", "mono- or di-", StringComparison.Ordinal);
    }

    public static int? Number(string word) => word.ToLowerInvariant() switch
    {
        "zero" => 0, "one" or "a" or "an" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6,
        _ => int.TryParse(word, out var n) ? n : null,
    };
}
