namespace Sieve.Runtime.Reduction;

/// <summary>
/// Method name → reducer: the one place to add a method (one case below; the method's own class reads its amount and
/// options from the <see cref="ReductionStep"/>).
/// </summary>
public static class ReductionMethods
{
    /// <summary>The method names understood, for help texts and errors.</summary>
    public static readonly IReadOnlyList<string> Names = ["dart", "fastv", "random", "pool", "globalcom2"];

    /// <exception cref="ReductionSpecException">An unknown method, or a bad amount or option for it.</exception>
    public static Reducers Create(ReductionStep step) => step.Method switch
    {
        "dart" => Reducers.OfDecoder(DartReducer.FromStep(step)),
        "fastv" => Reducers.OfDecoder(FastVReducer.FromStep(step)),
        "random" => Reducers.OfDecoder(RandomReducer.FromStep(step)),
        "pool" => Reducers.OfVision(PoolingReducer.FromStep(step)),
        "globalcom2" => Reducers.OfVision(GlobalCom2Reducer.FromStep(step)),
        _ => throw new ReductionSpecException(
            $"reduction spec '{step.Text}': unknown method '{step.Method}' (known: {string.Join(", ", Names)}, or none)"),
    };
}
