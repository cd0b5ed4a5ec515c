namespace Sieve.Agents.Sessions;

/// <summary>The agent when no chat model is configured (the default): every question gets the same clear answer —
/// how to configure a model in appsettings.json — and the deterministic <c>/report</c>, which needs no model.</summary>
public sealed class NoModelChatAgent : IChatAgent
{
    /// <summary>How to configure a model: the <c>Agents:Backend</c> section of appsettings.json, or the same keys as
    /// SIEVE_ environment variables.</summary>
    public const string HowToConfigure =
        "No chat model is configured, so free-text questions cannot be answered. To configure one, add to appsettings.json:\n" +
        """

          "Agents": {
            "Backend": {
              "Kind": "openai",
              "OpenAI": {
                "Endpoint": "http://localhost:8000/v1",
                "Model": "your-model-name",
                "ApiKeyEnvironmentVariable": "OPENAI_API_KEY"
              }
            }
          }


        """ +
        "Kind is none (the default), openai (any OpenAI-compatible endpoint: vLLM, Ollama, llama.cpp server, OpenAI) " +
        "or local (the local runtime). The API key is read from the environment variable named there, never from the file. " +
        "The same keys work as environment variables: SIEVE_Agents__Backend__Kind=openai, " +
        "SIEVE_Agents__Backend__OpenAI__Endpoint=..., SIEVE_Agents__Backend__OpenAI__Model=...";

    public string Description => "no chat model configured: /report runs the deterministic PatentFinder; /help lists commands";

    public bool UsesModel => false;

    public Task<string> AnswerAsync(ChatTurn turn, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var patent = turn.Attachments.LastOrDefault(a => a.Kind == AttachmentKind.Patent);
        var molecule = turn.Attachments.LastOrDefault(a => a.Kind == AttachmentKind.Molecule);
        var offer = (patent, molecule) switch
        {
            (not null, not null) => "Without a model, /report still writes the infringement report of the attached molecule " +
                                    "against the attached patent (deterministic PatentFinder: claims, Markush, match, verify).",
            _ => "Without a model, /report still writes the infringement report deterministically: first /attach a patent " +
                 "package folder and a molecule (SMILES or a file)" +
                 (patent is not null ? " (a patent is attached; a molecule is missing)." :
                  molecule is not null ? " (a molecule is attached; a patent is missing)." : "."),
        };
        return Task.FromResult(HowToConfigure + "\n" + offer);
    }
}
