using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Depiction;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Tests.Molfile;

/// <summary>Stereo of a drawing held in memory (as OCSR builds it) reads as RDKit reads the same drawing from a
/// molblock. Expected SMILES: RDKit 2022.09 MolToSmiles(MolFromMolBlock(...)) on these coordinates and wedges.</summary>
public class DrawingStereoTests
{
    /// <summary>2-aminopropanal drawn flat, the methyl bond (centre first) marked as given.</summary>
    private static string Aminopropanal(BondWedge methylBond)
    {
        var m = new Molecule();
        m.AddAtom(new Atom { Element = 6 });
        m.AddAtom(new Atom { Element = 6 });
        m.AddAtom(new Atom { Element = 7 });
        m.AddAtom(new Atom { Element = 6 });
        m.AddAtom(new Atom { Element = 8 });
        m.AddBond(0, 1, BondOrder.Single);
        m.AddBond(0, 2, BondOrder.Single);
        m.AddBond(new Bond(0, 3, BondOrder.Single) { Wedge = methylBond });
        m.AddBond(1, 4, BondOrder.Double);
        Sanitizer.Sanitize(m);
        DrawingStereo.Assign(m, [new(0, 0), new(1.299, 0.75), new(-1.299, 0.75), new(0, -1.5), new(1.299, 2.25)]);
        return CanonicalSmiles.Of(m);
    }

    [Theory]
    [InlineData(BondWedge.Wedge, "C[C@@H](N)C=O")]
    [InlineData(BondWedge.Hash, "C[C@H](N)C=O")]
    [InlineData(BondWedge.Either, "CC(N)C=O")]
    [InlineData(BondWedge.None, "CC(N)C=O")]
    public void A_wedge_or_hash_gives_the_configuration_RDKit_reads(BondWedge wedge, string expected) =>
        Assert.Equal(expected, Aminopropanal(wedge));

    [Fact]
    public void A_double_bond_takes_its_cis_or_trans_from_the_positions()
    {
        var m = new Molecule();
        m.AddAtom(new Atom { Element = 6 });
        m.AddAtom(new Atom { Element = 6 });
        m.AddAtom(new Atom { Element = 6 });
        m.AddAtom(new Atom { Element = 17 });
        m.AddBond(0, 1, BondOrder.Single);
        m.AddBond(1, 2, BondOrder.Double);
        m.AddBond(2, 3, BondOrder.Single);
        Sanitizer.Sanitize(m);
        DrawingStereo.Assign(m, [new(0, 0), new(1.299, 0.75), new(2.598, 0), new(3.897, 0.75)]);
        Assert.Equal("C/C=C/Cl", CanonicalSmiles.Of(m));
    }

    [Fact]
    public void Positions_must_match_the_atoms()
    {
        var m = new Molecule();
        m.AddAtom(new Atom { Element = 6 });
        var e = Assert.Throws<ArgumentException>(() => DrawingStereo.Assign(m, [new Point2(0, 0), new Point2(1, 0)]));
        Assert.Contains("2 positions for 1 atoms", e.Message);
    }
}
