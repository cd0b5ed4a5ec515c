namespace Sieve.Chemistry.Molfile;

/// <summary>An R-group query (rgfile or V3000 with RGROUP blocks): the core, whose R-group atoms are
/// <c>*</c> atoms labelled R<i>n</i> with map number <i>n</i>, and for each R number the alternative
/// substituents. A substituent's attachment points are <c>*</c> atoms labelled <c>_AP1</c>/<c>_AP2</c>
/// (map numbers 1/2), bonded to the atom that attaches.</summary>
public sealed record RGroupQuery(Molecule Core, Dictionary<int, List<Molecule>> Definitions);
