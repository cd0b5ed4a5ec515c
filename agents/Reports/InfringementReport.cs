using Sieve.Markush.Matching;

namespace Sieve.Agents.Reports;

/// <summary>Everything the report shows, as data: the Markdown, HTML and JSON renderers draw only from this, so the
/// JSON carries all the HTML does (SVG strings included).</summary>
public sealed record InfringementReport
{
    public required string SieveVersion { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required PatentSection Patent { get; init; }
    public required MoleculeSection Molecule { get; init; }
    public required Verdict Verdict { get; init; }
    /// <summary>One sentence: the overall verdict and the claim that decides it.</summary>
    public required string Summary { get; init; }
    public required IReadOnlyList<ClaimSection> Claims { get; init; }
    public IReadOnlyList<int> SpeciesClaimsNotChecked { get; init; } = [];
    public IReadOnlyList<int> ClaimsWithoutStructure { get; init; } = [];
    public IReadOnlyList<string> VerifierNotes { get; init; } = [];
    /// <summary>Formulas the package gives only as drawings, as OCSR read them (or why it could not).</summary>
    public IReadOnlyList<FormulaImageSection> FormulaImages { get; init; } = [];
    /// <summary>Patent-package problems (formula files that could not be read).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    public IReadOnlyList<Sieve.Agents.PatentFinder.StepLog> Steps { get; init; } = [];
    /// <summary>Prose written by the model (model-driven plan only; null otherwise). It explains; it decides
    /// nothing: every verdict above comes from tool evidence the verifier accepted.</summary>
    public string? Narrative { get; init; }
}

public sealed record PatentSection(
    string Folder, string? Number, string? Title, string? Assignee, string? PriorityDate, string? PublicationDate, string? Notes);

/// <summary>The molecule as given and as matched: <see cref="MatchedSmiles"/> is after salt stripping.</summary>
public sealed record MoleculeSection(
    string Input,
    string CanonicalSmiles,
    string Formula,
    string MatchedSmiles,
    IReadOnlyList<string> SaltsStripped,
    IReadOnlyList<string> Neutralized,
    Depiction Depiction);

/// <summary>A drawing: the structure drawn (SMILES, or a molfile when the molecule came as one; its atom order is
/// the order of the highlight indices), the highlighted atoms and the SVG.</summary>
public sealed record Depiction(string Structure, IReadOnlyList<int> HighlightAtoms, string Svg);

public sealed record DependentSection(int Claim, Verdict Verdict, Verdict Proposed, string Summary, string? Rejection);

/// <summary>One variable site: what the molecule has there, the claim's definition of it (claim text), the
/// alternative of that definition the substituent was found to be (when it fits), and why not (when it does not).</summary>
public sealed record RGroupSection(
    string Label, string Substituent, int? MoleculeAtom, string? Definition, string? MatchedAlternative, Fit Status, string? Reason)
{
    public string StatusText => Status switch { Fit.Yes => "satisfied", Fit.No => "not satisfied", _ => "undetermined" };
}

/// <summary>Scaffold atom → molecule atom (molecule indices as in <see cref="MoleculeSection.Depiction"/>).</summary>
public sealed record AtomPair(int Scaffold, int Molecule);

public sealed record ClaimSection
{
    public required int Claim { get; init; }
    public required Verdict Verdict { get; init; }
    public required Verdict Proposed { get; init; }
    public string? Rejection { get; init; }
    public required string Summary { get; init; }
    public required string Formula { get; init; }
    /// <summary>Where the formula's structure came from when it was a drawing ("read from the drawing formulas/I.png
    /// (confidence 0.95)"); null when the package gives it as text.</summary>
    public string? FormulaSource { get; init; }
    public int? NarrowestCoveringClaim { get; init; }
    public IReadOnlyList<DependentSection> Dependents { get; init; } = [];
    public int EmbeddingsTried { get; init; }
    public IReadOnlyList<string> Choices { get; init; } = [];
    public IReadOnlyList<RGroupSection> RGroups { get; init; } = [];
    public IReadOnlyList<string> ScaffoldProblems { get; init; } = [];
    /// <summary>Claim text the parser could not read, and the matcher's notes on what it decided.</summary>
    public IReadOnlyList<string> Unparsed { get; init; } = [];
    public IReadOnlyList<AtomPair> ScaffoldToMolecule { get; init; } = [];
    /// <summary>Molecule atoms matched by the second and later copies of a bracketed repeat unit.</summary>
    public IReadOnlyList<int> RepeatCopyAtoms { get; init; } = [];
    /// <summary>The drawn formula with the matched scaffold atoms highlighted.</summary>
    public required Depiction Scaffold { get; init; }
    /// <summary>The molecule with the atoms the scaffold maps onto highlighted (none when the scaffold is absent).</summary>
    public required Depiction Molecule { get; init; }
}
