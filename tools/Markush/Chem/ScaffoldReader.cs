using Sieve.Chemistry;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;

namespace Sieve.Markush.Chem;

/// <summary>Reads a drawn Markush formula. WORKAROUND: the core's Sanitizer cannot kekulize an aromatic ring
/// that holds a <c>*</c> ring-atom variable ("X is N or CH"), which RDKit accepts (a dummy may take either bond
/// order). When the normal reader throws for that reason, the formula is read as written instead: aromaticity from
/// the lowercase atoms, a <c>*</c> in an aromatic ring made aromatic, implicit H from default valences with
/// aromatic bonds counted 1.5. Formulas are hand-drawn in aromatic form, so "as written" is what the drafter meant.</summary>
internal static class ScaffoldReader
{
    public static Molecule Read(string smiles)
    {
        try
        {
            return SmilesReader.Read(smiles);
        }
        catch (MoleculeException)
        {
            var m = SmilesReader.ParseRaw(smiles);
            AromaticDummies(m);
            AddImplicitHydrogens(m);
            return m;
        }
    }

    /// <summary>A <c>*</c> drawn inside an aromatic ring (a ring-atom variable "X") is aromatic, as RDKit reads it:
    /// its ring bonds to aromatic atoms become aromatic.</summary>
    private static void AromaticDummies(Molecule m)
    {
        var ring = RingBonds.Find(m);
        for (var a = 0; a < m.AtomCount; a++)
        {
            if (m.Atoms[a].Element != 0) continue;
            var aromaticRingBonds = 0;
            foreach (var b in m.BondsOf(a))
                if (ring[b] && m.Atoms[m.Bonds[b].Other(a)].IsAromatic && m.Bonds[b].Order is BondOrder.Single or BondOrder.Aromatic) aromaticRingBonds++;
            if (aromaticRingBonds < 2) continue;
            m.Atoms[a].IsAromatic = true;
            foreach (var b in m.BondsOf(a))
                if (ring[b] && m.Atoms[m.Bonds[b].Other(a)].IsAromatic) { m.Bonds[b].Order = BondOrder.Aromatic; m.Bonds[b].IsAromatic = true; }
        }
    }

    private static readonly int[][] Valences = BuildValences();

    private static int[][] BuildValences()
    {
        var v = new int[54][];
        v[5] = [3]; v[6] = [4]; v[7] = [3, 5]; v[8] = [2]; v[9] = [1]; v[15] = [3, 5]; v[16] = [2, 4, 6];
        v[17] = [1]; v[35] = [1]; v[53] = [1]; v[34] = [2, 4, 6]; v[33] = [3, 5];
        return v;
    }

    /// <summary>Organic-subset atoms get H up to the smallest default valence that fits (aromatic bonds count 1.5,
    /// rounded down, so an aromatic CH ring carbon gets one H).</summary>
    private static void AddImplicitHydrogens(Molecule m)
    {
        for (var a = 0; a < m.AtomCount; a++)
        {
            var atom = m.Atoms[a];
            if (atom.IsBracket || atom.Element == 0 || atom.Element >= Valences.Length || Valences[atom.Element] is null)
            {
                atom.ImplicitHydrogens = 0;
                continue;
            }
            double sum = 0;
            foreach (var b in m.BondsOf(a))
            {
                var bond = m.Bonds[b];
                sum += bond.Order switch { BondOrder.Double => 2, BondOrder.Triple => 3, BondOrder.Aromatic => 1.5, _ => 1 };
            }
            var used = (int)Math.Floor(sum);
            if (atom.IsAromatic && atom.Element is 7 or 8 or 16 or 15) { atom.ImplicitHydrogens = 0; continue; }
            var h = 0;
            foreach (var v in Valences[atom.Element])
                if (v >= used) { h = v - used; break; }
            atom.ImplicitHydrogens = h;
        }
    }

}
