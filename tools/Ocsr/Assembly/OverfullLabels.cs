using Sieve.Chemistry;
using Sieve.Ocsr.Labels;

namespace Sieve.Ocsr.Assembly;

/// <summary>A bare element label drawn with more bonds than the element takes was misread: an N whose diagonal a
/// touching bond spoilt reads as H, and an H with three bonds is no molecule. Where the label's alternative
/// reading (its doubtful glyphs' runners-up) takes that many bonds, it is read that way.</summary>
internal static class OverfullLabels
{
    /// <summary>The most bonds a neutral atom of the element carries in a drawing (0: no limit known).</summary>
    private static int MaxValence(int element) => element switch
    {
        1 or 9 or 17 or 35 or 53 => 1,
        8 => 2,
        5 or 7 => 3,
        6 or 14 => 4,
        15 => 5,
        16 or 34 => 6,
        _ => 0,
    };

    /// <summary>The labels with each overfull one replaced by its alternative; <paramref name="valence"/> is the
    /// sum of the bond orders drawn to each label.</summary>
    public static List<DrawnLabel> Resolve(IReadOnlyList<DrawnLabel> labels, IReadOnlyList<int> valence)
    {
        var result = labels.ToList();
        for (var l = 0; l < labels.Count; l++)
        {
            var label = labels[l];
            if (label.Alternative is not { } other || !Overfull(label.Text, valence[l])) continue;
            if (Bare(other) is { } element && MaxValence(element) >= valence[l])
                result[l] = label with { Text = other, Alternative = label.Text };
        }
        return result;
    }

    private static bool Overfull(string text, int valence) =>
        Bare(text) is { } element && MaxValence(element) is > 0 and var max && valence > max;

    /// <summary>The element of a label that is one uncharged atom without drawn hydrogens, or null.</summary>
    private static int? Bare(string text)
    {
        // Drawn hydrogens take valence the label's fragment does not show.
        if (text != "H" && text.Contains('H', StringComparison.Ordinal)) return null;
        return LabelParser.Parse(text) is { IsMarkush: false, Fragment: { AtomCount: 1 } f } && f.Atoms[0].Charge == 0
            ? f.Atoms[0].Element
            : null;
    }
}
