namespace Sieve.Chemistry.Molfile;

/// <summary>Connection-table dialect of a molfile.</summary>
public enum MolfileVersion
{
    V2000,
    V3000,
}
