namespace Sieve.Ocsr.Vector;

/// <summary>How a single bond is drawn: a plain line, a solid wedge or a hash (stereo, narrow end at the
/// stereocentre), or a wavy line (stereo unknown).</summary>
internal enum BondStyle
{
    Plain,
    Wedge,
    Hash,
    Wavy,
}
