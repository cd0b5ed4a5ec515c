using System.ComponentModel;
using Microsoft.SemanticKernel;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Descriptors;
using Sieve.Chemistry.Substructure;

namespace Sieve.KernelFunctions.Chemistry;

/// <summary>Molecule questions a model may ask: canonical form, basic descriptors, substructure matches. Thin over
/// Sieve.Chemistry (held to RDKit 2022.09 behaviour).</summary>
public sealed class ChemistryPlugin
{
    public const string PluginName = "chemistry";

    /// <summary>Matches listed in a substructure result; the count goes further.</summary>
    public const int ListedMatches = 10;

    /// <summary>Unique matches counted at most (symmetric queries on big molecules can have very many).</summary>
    public const int CountedMatches = 1000;

    [KernelFunction("canonicalize")]
    [Description("Canonical SMILES of a molecule (RDKit-equivalent, isomeric). Two inputs are the same molecule exactly when their canonical SMILES are equal.")]
    [return: Description("{input, canonical}")]
    public static CanonicalResult Canonicalize(
        [Description("The molecule as SMILES, e.g. 'OC(=O)c1ccccc1'.")] string smiles)
    {
        var m = MoleculeArgument.Smiles(smiles, nameof(smiles));
        return new CanonicalResult(smiles.Trim(), CanonicalSmiles.Of(m));
    }

    [KernelFunction("describe")]
    [Description("Formula, molecular weight, heavy atoms, ring and aromatic ring counts, net formal charge, number of fragments and of specified stereocentres of a molecule.")]
    [return: Description("{canonical, formula, molecularWeight, heavyAtoms, rings, aromaticRings, formalCharge, components, specifiedStereocentres}")]
    public static MoleculeDescription Describe(
        [Description("The molecule as SMILES.")] string smiles)
    {
        var m = MoleculeArgument.Smiles(smiles, nameof(smiles));
        var charge = 0;
        var stereo = 0;
        foreach (var a in m.Atoms)
        {
            charge += a.Charge;
            if (a.Chirality != Chirality.None) stereo++;
        }
        return new MoleculeDescription(
            CanonicalSmiles.Of(m),
            MolecularFormula.Of(m),
            Math.Round(Descriptors.MolecularWeight(m), 3),
            Descriptors.HeavyAtomCount(m),
            m.Rings?.RingCount ?? 0,
            AromaticRings(m),
            charge,
            m.Components().Count,
            stereo);
    }

    [KernelFunction("substructure")]
    [Description("Finds a SMARTS pattern in a molecule. Returns the number of unique matches and the matched molecule atoms (0-based indices in the order atoms are written in the SMILES), at most 10 listed.")]
    [return: Description("{canonical, smarts, matched, matchCount, countCapped, matches: [[atom index per query atom]], listedLimit, countLimit}")]
    public static SubstructureResult Substructure(
        [Description("The molecule as SMILES.")] string smiles,
        [Description("The pattern as SMARTS, e.g. 'C(=O)[OH]' for a carboxylic acid.")] string smarts)
    {
        var m = MoleculeArgument.Smiles(smiles, nameof(smiles));
        var q = MoleculeArgument.Smarts(smarts, nameof(smarts));
        var matches = SubstructureSearch.FindMatches(m, q, new SubstructureOptions { Uniquify = true, MaxMatches = CountedMatches });
        var listed = matches.Count <= ListedMatches ? matches : matches.Take(ListedMatches).ToList();
        return new SubstructureResult(
            CanonicalSmiles.Of(m), smarts.Trim(), matches.Count > 0, matches.Count, matches.Count >= CountedMatches,
            listed, ListedMatches, CountedMatches);
    }

    /// <summary>SSSR rings whose bonds are all aromatic (RDKit's NumAromaticRings counts the same way).</summary>
    private static int AromaticRings(Molecule m)
    {
        if (m.Rings is null) return 0;
        var n = 0;
        foreach (var ring in m.Rings.BondRings)
        {
            var all = true;
            foreach (var b in ring) if (!m.Bonds[b].IsAromatic) { all = false; break; }
            if (all) n++;
        }
        return n;
    }
}
