using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Perception;

public class PerceptionTests
{
    private static string Aromatic(Molecule m) => string.Concat(m.Atoms.Select(a => a.IsAromatic ? '1' : '0'));

    [Fact]
    public void Too_many_bonds_is_a_ValenceException_naming_atom_element_and_valence()
    {
        var e = Assert.Throws<ValenceException>(() => SmilesReader.Read("CC(C)(C)(C)C"));
        Assert.Equal((1, 6, 5), (e.AtomIndex, e.Element, e.Valence));
        Assert.Equal("Explicit valence for atom # 1 C, 5, is greater than permitted", e.Message);
        // Charge shifts the limit like RDKit: N+ takes four bonds, a fifth is too many.
        Assert.Equal(0, SmilesReader.Read("C[N+](C)(C)C").Atoms[1].TotalHydrogens);
        Assert.Throws<ValenceException>(() => SmilesReader.Read("C[N+](C)(C)(C)C"));
        Assert.Equal(0, SmilesReader.Read("C[O+](C)").Atoms[1].TotalHydrogens); // bracket: no implicit H
        Assert.Equal(0, SmilesReader.Read("[BH4-]").Atoms[0].ImplicitHydrogens);
        Assert.Equal(3, SmilesReader.Read("[CH3-]").Atoms[0].TotalHydrogens);
        Assert.IsAssignableFrom<InvalidOperationException>(e);
    }

    [Fact]
    public void Sulfur_and_phosphorus_take_their_next_allowed_valence()
    {
        Assert.Equal("3,0,0,0,3", string.Join(',', SmilesReader.Read("CS(=O)(=O)C").Atoms.Select(a => a.TotalHydrogens)));
        Assert.Equal(1, SmilesReader.Read("CS(C)C").Atoms[1].TotalHydrogens); // valence 4 is next after 2
        Assert.Equal(0, SmilesReader.Read("C=P(C)(C)C").Atoms[1].TotalHydrogens); // valence 5 reached exactly
    }

    [Fact]
    public void Unkekulizable_aromatic_input_fails_like_RDKit()
    {
        var e = Assert.Throws<KekulizeException>(() => SmilesReader.Read("n1cccc1"));
        Assert.Equal([0, 1, 2, 3, 4], e.Atoms);
        Assert.StartsWith("Can't kekulize mol.", e.Message, StringComparison.Ordinal);
        var nonRing = Assert.Throws<KekulizeException>(() => SmilesReader.Read("cc"));
        Assert.Equal("non-ring atom 0 marked aromatic", nonRing.Message);
    }

    [Fact]
    public void Kekulize_gives_alternating_bonds_and_can_keep_or_clear_flags()
    {
        var m = SmilesReader.ParseRaw("c1ccc2ccccc2c1");
        for (var i = 0; i < m.AtomCount; i++)
            m.Atoms[i].ImplicitHydrogens = Valence.Implicit(m, i, Valence.Explicit(m, i));
        Kekulizer.Kekulize(m, clearAromaticFlags: false);
        Assert.Equal(5, m.Bonds.Count(b => b.Order == BondOrder.Double));
        for (var i = 0; i < m.AtomCount; i++)
            Assert.Equal(1, m.BondsOf(i).Count(b => m.Bonds[b].Order == BondOrder.Double));
        Assert.All(m.Atoms, a => Assert.True(a.IsAromatic));
        Kekulizer.Kekulize(m, clearAromaticFlags: true);
        Assert.All(m.Atoms, a => Assert.False(a.IsAromatic));
        Assert.All(m.Bonds, b => Assert.False(b.IsAromatic));
    }

    [Fact]
    public void Kekule_input_becomes_aromatic_in_the_RDKit_model()
    {
        Assert.Equal("111111", Aromatic(SmilesReader.Read("C1=CC=CC=C1")));
        Assert.Equal("00000000", Aromatic(SmilesReader.Read("C1=CC=CC=CC=C1"))); // 8 electrons
        Assert.Equal("1111111", Aromatic(SmilesReader.Read("[CH+]1C=CC=CC=C1"))); // tropylium
        Assert.Equal("11111", Aromatic(SmilesReader.Read("[CH-]1C=CC=C1")));
        Assert.Equal("1111111111", Aromatic(SmilesReader.Read("C1=CC=C2C=CC=C2C=C1"))); // azulene
        Assert.Equal("0111111", Aromatic(SmilesReader.Read("O=C1C=CNC=C1"))); // 4-pyridone: exocyclic C=O steals
        Assert.Equal("00000000", Aromatic(SmilesReader.Read("O=C1C=CC(=O)C=C1"))); // quinone
        Assert.Equal("11111", Aromatic(SmilesReader.Read("C1=CC=C[Se]1")));
        Assert.Equal("000", Aromatic(SmilesReader.Read("C1=CC1")));
    }

    [Fact]
    public void Only_bonds_on_the_outside_of_an_aromatic_combination_become_aromatic()
    {
        // Azulene: neither ring is aromatic alone, the pair is; the fusion bond stays a Kekule bond (RDKit c1ccc2cccc-2cc1).
        var m = SmilesReader.Read("C1=CC=C2C=CC=C2C=C1");
        var fusion = m.BondBetween(3, 7)!;
        Assert.False(fusion.IsAromatic);
        Assert.Equal(10, m.Bonds.Count(b => b.IsAromatic && b.Order == BondOrder.Aromatic));
    }

    [Fact]
    public void Clean_up_makes_nitro_and_perchlorate_charge_separated()
    {
        var nitro = SmilesReader.Read("CN(=O)=O");
        Assert.Equal([0, 1, -1, 0], nitro.Atoms.Select(a => a.Charge));
        var perchlorate = SmilesReader.Read("O=Cl(=O)(=O)[O-]");
        Assert.Equal(3, perchlorate.Atoms[1].Charge);
        Assert.Equal(5, Valence.Explicit(SmilesReader.ParseRaw("CN(=O)=O"), 1, strict: false));
    }

    [Fact]
    public void Rings_are_the_symmetrized_SSSR_like_RDKit()
    {
        var cubane = RingPerception.Perceive(SmilesReader.ParseRaw("C12C3C4C1C5C2C3C45"));
        Assert.Equal(6, cubane.RingCount);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(3, cubane.AtomRingCount(i)));
        var bco = RingPerception.Perceive(SmilesReader.ParseRaw("C1CC2CCC1CC2")); // bicyclo[2.2.2]octane
        Assert.Equal(3, bco.RingCount);
        var norbornane = RingPerception.Perceive(SmilesReader.ParseRaw("C1CC2CCC1C2"));
        Assert.Equal(2, norbornane.RingCount);
        Assert.True(norbornane.IsAtomInRingOfSize(6, 5));
        Assert.False(norbornane.IsAtomInRingOfSize(6, 6));
        Assert.Equal(5, norbornane.MinAtomRingSize(0));
        var chain = RingPerception.Perceive(SmilesReader.ParseRaw("CCC1CC1CC"));
        Assert.False(chain.IsAtomInRing(0));
        Assert.False(chain.IsBondInRing(0));
        Assert.True(chain.IsBondInRing(chain.BondRings[0][0]));
        // Rings come in ring order: consecutive atoms are bonded.
        foreach (var ring in cubane.AtomRings)
            for (var k = 0; k < ring.Length; k++) Assert.True(SmilesReader.ParseRaw("C12C3C4C1C5C2C3C45").BondIndex(ring[k], ring[(k + 1) % ring.Length]) >= 0);
    }

    [Fact]
    public void Dummy_atoms_may_stand_in_for_aromatic_atoms()
    {
        Assert.Equal("111111", Aromatic(SmilesReader.Read("c1cc*cc1")));
        Assert.Equal("0111111", Aromatic(SmilesReader.Read("*c1ccccc1")));
    }
}
