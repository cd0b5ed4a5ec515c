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
    }
}
