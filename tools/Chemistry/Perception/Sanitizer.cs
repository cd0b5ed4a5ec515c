namespace Sieve.Chemistry.Perception;

/// <summary>What RDKit's <c>MolFromSmiles</c> does after parsing, in its order: clean up charge-separable
/// groups (nitro, N-oxide, halogen oxides), check valences and add implicit H, perceive rings, kekulize,
/// assign radicals to bracket atoms, perceive aromaticity (RDKit default model).</summary>
public static class Sanitizer
{
    /// <exception cref="ValenceException">An atom exceeds every allowed valence.</exception>
    /// <exception cref="KekulizeException">Aromatic input without a Kekulé form.</exception>
    public static void Sanitize(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Cleanup.Apply(m);
        for (var i = 0; i < m.AtomCount; i++)
        {
            var ev = Valence.Explicit(m, i);
            m.Atoms[i].ImplicitHydrogens = Valence.Implicit(m, i, ev);
        }
        m.Rings = RingPerception.Perceive(m);
        Kekulizer.Kekulize(m, clearAromaticFlags: true);
        Valence.AssignRadicals(m);
        Aromaticity.Perceive(m);
    }
}
