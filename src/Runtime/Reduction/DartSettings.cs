namespace Sieve.Runtime.Reduction;

/// <summary>How DART counts what it keeps.</summary>
public enum DartBudgetMode
{
    /// <summary>The reference's count: every pivot picks floor(M / (P_img + P_txt)) tokens, and the image pivots are
    /// kept besides, so P_img + (P_img + P_txt)·floor(M / (P_img + P_txt)) image tokens remain (132 for M = 128).</summary>
    Paper,

    /// <summary>Exactly M image tokens: the image pivots count towards M and the M − P_img picks are spread over the
    /// pivots in processing order, the first (M − P_img) mod pivots picking one more.</summary>
    Exact,
}

/// <summary>The order in which DART's pivots pick their tokens (it matters only when two pivots want the same token).</summary>
public enum DartPivotOrder
{
    /// <summary>Ascending position: the image pivots, then the text pivots after the image.</summary>
    Position,

    /// <summary>The reference's: CPython's iteration order of the pivot set (<see cref="CPythonSetOrder"/>), built from
    /// the image pivots then the text pivots, each in descending key norm.</summary>
    Reference,
}

/// <summary>DART's settings (defaults as in the paper: K = 2, P_img = P_txt = 4).</summary>
/// <param name="Layer">K: pruning happens on entry to decoder layer K, from layer K−1's keys and output.</param>
/// <param name="Budget">M per image.</param>
/// <param name="ImagePivots">P_img: image tokens with the largest key L1 norm that serve as pivots (and are kept).</param>
/// <param name="TextPivots">P_txt: tokens after the image with the largest key L1 norm that serve as pivots.</param>
/// <param name="Order">The pivot processing order.</param>
public sealed record DartSettings(ReductionBudget Budget, int Layer = 2, int ImagePivots = 4, int TextPivots = 4,
    DartBudgetMode Mode = DartBudgetMode.Paper, DartPivotOrder Order = DartPivotOrder.Position);
