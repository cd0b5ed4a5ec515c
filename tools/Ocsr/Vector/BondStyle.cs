namespace Sieve.Ocsr.Vector;

/// <summary>How a bond is drawn: a plain line, a solid wedge or a hash (stereo, narrow end at the
/// stereocentre), a wavy line (stereo unknown), or a double bond's two lines crossed (cis/trans unknown).</summary>
internal enum BondStyle
{
    Plain,
    Wedge,
    Hash,
    Wavy,
    Crossed,
}
