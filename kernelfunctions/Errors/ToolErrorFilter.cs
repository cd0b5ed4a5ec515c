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
        catch (ArgumentException e) when (e.ParamName is not null && IsFromBinding(e))
        {
            // SK's own argument binding (missing required argument, value of the wrong type).
            context.Result = new FunctionResult(context.Function, new ToolError("invalid input", e.ParamName, e.Message));
        }
    }

    private static bool IsFromBinding(ArgumentException e) =>
        e.StackTrace?.Contains("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;
}
