using CsCheck;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Errors;

namespace Sieve.KernelFunctions.Tests;

/// <summary>Whatever a model sends, a function answers with a result or a <see cref="ToolError"/>: never an
/// exception that would end the agent's turn.</summary>
public sealed class RobustnessTests
{
    private static readonly Kernel Kernel = TestKernel.Create();

    private static readonly Gen<string> SmilesLike =
        Gen.Char["CNOSPFIclnosBr()[]=#@+-123456789%.*:$|/\\Hh "].Array[0, 30].Select(c => new string(c));

    private static async Task AnswersOrRefuses(string plugin, string function, KernelArguments args)
    {
        var r = await Kernel.InvokeAsync(plugin, function, args);
        Assert.NotNull(r.GetValue<object>());
    }

    [Fact]
    public void Random_SMILES_and_SMARTS_give_a_result_or_a_refusal()
    {
        Gen.Select(SmilesLike, SmilesLike).Sample((smiles, smarts) =>
        {
            AnswersOrRefuses("chemistry", "describe", new() { ["smiles"] = smiles }).GetAwaiter().GetResult();
            AnswersOrRefuses("chemistry", "substructure", new() { ["smiles"] = smiles, ["smarts"] = smarts }).GetAwaiter().GetResult();
        }, iter: 1500, threads: 1);
    }

    [Fact]
    public void Random_paths_give_a_result_or_a_refusal()
    {
        Gen.Char["./patents-_coxib~\\ \t\0*?:"].Array[0, 24].Select(c => new string(c)).Sample(path =>
        {
            AnswersOrRefuses("patent", "read_patent", new() { ["path"] = path }).GetAwaiter().GetResult();
        }, iter: 500, threads: 1);
    }

    [Fact]
    public async Task Random_claim_text_gives_a_result_or_a_refusal()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(TestKernel.Root, TestKernel.Coxib, "claims.txt"));
        Gen.Int[0, text.Length].Select(Gen.Int[0, text.Length]).Sample((a, b) =>
        {
            var piece = text[Math.Min(a, b)..Math.Max(a, b)];
            AnswersOrRefuses("patent", "read_claims_text", new() { ["text"] = piece }).GetAwaiter().GetResult();
        }, iter: 300, threads: 1);
    }
}
