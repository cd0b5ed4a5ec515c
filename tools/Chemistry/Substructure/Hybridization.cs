using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Substructure;

/// <summary>Hybridization as RDKit 2022.09 assigns it during sanitization, for the SMARTS <c>^n</c> primitive.
/// Values follow RDKit's enumeration (S = 1 ... SP3D2 = 7, 0 = unspecified).</summary>
internal static class Hybridization
{
    public const int Unspecified = 0, S = 1, SP = 2, SP2 = 3, SP3 = 4, SP2D = 5, SP3D = 6, SP3D2 = 7;

    /// <summary>SMARTS <c>^0</c>..<c>^5</c> name S, SP, SP2, SP3, SP3D, SP3D2.</summary>
    public static int FromSmarts(int n) => n switch { 0 => S, 1 => SP, 2 => SP2, 3 => SP3, 4 => SP3D, _ => SP3D2 };

    public static int[] Assign(TargetData t)
    {
        var m = t.Molecule;
        var n = t.AtomCount;
        var explicitValence = new int[n];
        for (var i = 0; i < n; i++) explicitValence[i] = Valence.Explicit(m, i, strict: false);
        var conjugated = Conjugation(t, explicitValence);
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            var z = t.Element[i];
            if (z == 0) continue;
            var totalDegree = t.Degree[i] + t.AtomHydrogens[i];
            var chirality = m.Atoms[i].Chirality;
            if (chirality != Chirality.None && totalDegree == 4)
            {
                result[i] = SP3;
                continue;
            }
            var orbitals = z < 89 ? BondsPlusLonePairs(t, i, explicitValence[i]) : totalDegree;
            result[i] = orbitals switch
            {
                0 or 1 => S,
                2 => SP,
                3 => SP2,
                4 => totalDegree > 3 || !HasConjugatedBond(t, i, conjugated) ? SP3 : SP2,
                5 => SP3D,
                6 => SP3D2,
                _ => Unspecified,
            };
        }
        return result;
    }

    private static bool HasConjugatedBond(TargetData t, int atom, bool[] conjugated)
    {
        for (var k = t.AdjStart[atom]; k < t.AdjStart[atom + 1]; k++)
            if (conjugated[t.AdjBond[k]]) return true;
        return false;
    }

    // Bonds (zero-order ones not counted) plus lone pairs; radicals count when below an octet.
    private static int BondsPlusLonePairs(TargetData t, int atom, int explicitValence)
    {
        var deg = t.Degree[atom] + t.AtomHydrogens[atom];
        for (var k = t.AdjStart[atom]; k < t.AdjStart[atom + 1]; k++)
            if (t.BondType[t.AdjBond[k]] == TargetBondType.Other) deg--;
        var z = t.Element[atom];
        if (z <= 1) return deg;
        var a = t.Molecule.Atoms[atom];
        var outer = ElementRules.OuterElectrons(z);
        var totalValence = explicitValence + a.ImplicitHydrogens;
        var charge = a.Charge;
        var free = outer - (totalValence + charge);
        if (totalValence + outer - charge < 8)
            return deg + (free - a.RadicalElectrons) / 2 + a.RadicalElectrons;
        return deg + free / 2;
    }

    // Aromatic bonds are conjugated; so is a multiple bond at a 2- or 3-coordinate candidate atom together
    // with each other bond of that atom leading to another candidate of at most 3 coordination.
    private static bool[] Conjugation(TargetData t, int[] explicitValence)
    {
        var conjugated = new bool[t.BondCount];
        for (var b = 0; b < conjugated.Length; b++) conjugated[b] = t.Molecule.Bonds[b].IsAromatic;
        for (var i = 0; i < t.AtomCount; i++)
        {
            if (!IsConjugationCandidate(t, i, explicitValence)) continue;
            var coordination = t.Degree[i] + t.AtomHydrogens[i];
            if (coordination is < 2 or > 3) continue;
            for (var k1 = t.AdjStart[i]; k1 < t.AdjStart[i + 1]; k1++)
            {
                var b1 = t.AdjBond[k1];
                if (t.BondType[b1] is not (TargetBondType.Double or TargetBondType.Triple or TargetBondType.Quadruple or TargetBondType.Aromatic))
                    continue;
                for (var k2 = t.AdjStart[i]; k2 < t.AdjStart[i + 1]; k2++)
                {
                    if (k2 == k1) continue;
                    var other = t.AdjAtom[k2];
                    if (t.Degree[other] + t.AtomHydrogens[other] > 3) continue;
                    if (!IsConjugationCandidate(t, other, explicitValence)) continue;
                    conjugated[b1] = true;
                    conjugated[t.AdjBond[k2]] = true;
                }
            }
        }
        return conjugated;
    }

    // First-row atoms, or heavier ones outside groups 15/16 (a 16 only when singly coordinated), that have
    // electrons to offer a pi system.
    private static bool IsConjugationCandidate(TargetData t, int atom, int[] explicitValence)
    {
        var z = t.Element[atom];
        if (z <= 0 || z > Elements.MaxAtomicNumber) return false;
        var outer = ElementRules.OuterElectrons(z);
        var totalDegree = t.Degree[atom] + t.AtomHydrogens[atom];
        return (z <= 10 || (outer != 5 && outer != 6) || (outer == 6 && totalDegree < 2))
               && PiElectrons(t, atom, explicitValence) > 0;
    }

    private static int PiElectrons(TargetData t, int atom, int[] explicitValence)
    {
        var z = t.Element[atom];
        var dv = ElementRules.DefaultValence(z);
        if (dv <= 1) return -1;
        var degree = t.Degree[atom] + t.AtomHydrogens[atom];
        if (degree > 3) return -1;
        var a = t.Molecule.Atoms[atom];
        var lonePairElectrons = Math.Max(ElementRules.OuterElectrons(z) - dv - a.Charge, 0);
        var res = dv - degree + lonePairElectrons - a.RadicalElectrons;
        if (res > 1 && explicitValence[atom] - t.Degree[atom] > 1) res = 1;
        return res;
    }
}
