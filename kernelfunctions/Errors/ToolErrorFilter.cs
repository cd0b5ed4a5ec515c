using Microsoft.SemanticKernel;

namespace Sieve.KernelFunctions.Errors;

/// <summary>Turns refused input into a result the model can act on. Semantic Kernel would otherwise surface an
/// exception (and, in auto function calling, a generic "exception while invoking" text). Only input errors are
/// converted: anything else is a bug and keeps propagating.</summary>
public sealed class ToolErrorFilter : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ToolInputException e)
        {
            context.Result = new FunctionResult(context.Function, new ToolError("invalid input", e.Parameter, e.Problem));
        }
        catch (KernelException e) when (e.InnerException is ArgumentException { ParamName: not null } inner)
        {
            // SK's own argument binding: a required argument missing, or a value not convertible to the type.
            context.Result = new FunctionResult(context.Function, new ToolError("invalid input", inner.ParamName, e.Message));
        }
        catch (ArgumentException e) when (e.ParamName is not null && IsParameterOf(context.Function, e.ParamName))
        {
            // SK's conversion of an argument to the parameter type ("first" for an integer) throws this directly.
            context.Result = new FunctionResult(context.Function, new ToolError("invalid input", e.ParamName,
                $"'{context.Arguments[e.ParamName]}' cannot be read as {TypeName(context.Function, e.ParamName)}"));
        }
    }

    private static bool IsParameterOf(KernelFunction f, string name) =>
        f.Metadata.Parameters.Any(p => p.Name == name);

    private static string TypeName(KernelFunction f, string name)
    {
        var t = f.Metadata.Parameters.First(p => p.Name == name).ParameterType;
        t = t is null ? null : Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(int) ? "an integer" : t == typeof(string) ? "a string" : t?.Name ?? "the parameter's type";
    }
}
