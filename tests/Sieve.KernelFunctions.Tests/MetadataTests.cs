using System.Text.Json;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Errors;

namespace Sieve.KernelFunctions.Tests;

/// <summary>What a model sees of the tools: names, descriptions, parameter schemas, and JSON results.</summary>
public sealed class MetadataTests
{
    private readonly Kernel _kernel = TestKernel.Create();

    [Fact]
    public void The_plugins_expose_exactly_the_agreed_functions()
    {
        var names = _kernel.Plugins.ToDictionary(p => p.Name, p => p.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["chemistry", "markush", "patent"], names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["canonicalize", "describe", "substructure"], names["chemistry"]);
        Assert.Equal(["read_claims_text", "read_patent"], names["patent"]);
        Assert.Equal(["match", "parse_claims", "read_structure_image"], names["markush"]);
    }

    [Fact]
    public void Every_function_parameter_and_result_is_described()
    {
        foreach (var f in _kernel.Plugins.GetFunctionsMetadata())
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{f.PluginName}.{f.Name} has no description");
            Assert.False(string.IsNullOrWhiteSpace(f.ReturnParameter.Description), $"{f.PluginName}.{f.Name} has no result description");
            Assert.NotEmpty(f.Parameters);
            foreach (var p in f.Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{f.PluginName}.{f.Name}({p.Name}) has no description");
                Assert.NotNull(p.Schema);
            }
        }
    }

    [Fact]
    public void Parameters_have_the_names_types_and_optionality_a_model_needs()
    {
        var match = _kernel.Plugins.GetFunction("markush", "match").Metadata;
        Assert.Equal(["path", "smiles", "claim"], match.Parameters.Select(p => p.Name));
        Assert.True(match.Parameters[0].IsRequired);
        Assert.True(match.Parameters[1].IsRequired);
        Assert.False(match.Parameters[2].IsRequired);
        Assert.Contains("integer", match.Parameters[2].Schema!.ToString(), StringComparison.Ordinal);
        var sub = _kernel.Plugins.GetFunction("chemistry", "substructure").Metadata;
        Assert.Equal(["smiles", "smarts"], sub.Parameters.Select(p => p.Name));
        Assert.All(sub.Parameters, p => Assert.Contains("string", p.Schema!.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Results_serialise_to_JSON_with_the_documented_fields()
    {
        // Field names are fixed by attributes, so the JSON matches the result descriptions whichever serializer
        // options the chat connector uses.
        var r = await _kernel.InvokeAsync("markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = TestKernel.Celecoxib });
        var json = JsonSerializer.SerializeToElement(r.GetValue<object>());
        Assert.Equal("covered", json.GetProperty("verdict").GetString());
        var site = json.GetProperty("claims")[0].GetProperty("sites")[0];
        foreach (var field in new[] { "label", "moleculeAtom", "substituent", "status", "definition", "reason" })
            Assert.True(site.TryGetProperty(field, out _), field);
        var err = await _kernel.InvokeAsync("chemistry", "describe", new() { ["smiles"] = "C1CC" });
        var ej = JsonSerializer.SerializeToElement(err.GetValue<object>());
        Assert.Equal("smiles", ej.GetProperty("parameter").GetString());
        Assert.Equal("invalid input", ej.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Without_the_error_filter_refused_input_surfaces_as_an_argument_exception()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new Chemistry.ChemistryPlugin(), "chemistry");
        var e = await Assert.ThrowsAsync<ToolInputException>(() => kernel.InvokeAsync("chemistry", "canonicalize", new() { ["smiles"] = "C1CC" }));
        Assert.Equal("smiles", e.ParamName);
    }
}
