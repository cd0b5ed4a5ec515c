using Sieve.Chemistry.Fingerprints;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Fingerprints;

/// <summary>Values from RDKit 2022.09.3 (GetMorganFingerprintAsBitVect, DataStructs.TanimotoSimilarity).</summary>
public class MorganFingerprintTests
{
    private static Fingerprint Fp(string smiles, int radius = 2, int bits = 2048) =>
        MorganFingerprint.Compute(SmilesReader.Read(smiles), radius, bits);

    [Theory]
    [InlineData("c1ccccc1", "Cc1ccccc1", 0.2727272727272727)]
    [InlineData("CCO", "CCN", 0.3333333333333333)]
    [InlineData("CC(=O)Oc1ccccc1C(=O)O", "OC(=O)c1ccccc1O", 0.4482758620689655)]
    [InlineData("[Na+].[Cl-]", "[Na+].[Cl-]", 1.0)]
    public void Tanimoto_matches_RDKit(string a, string b, double expected) =>
        Assert.Equal(expected, Fingerprint.Tanimoto(Fp(a), Fp(b)), 12);

    [Fact]
    public void On_bits_match_RDKit_for_other_radii_and_lengths()
    {
        Assert.Equal([389, 1088, 1873], Fp("c1ccccc1").OnBits());
        Assert.Equal([33, 80, 222, 294, 386, 807], Fp("CCO", 1, 1024).OnBits());
        Assert.Equal([33, 80, 222, 294, 295, 386], Fp("CCO", 3, 512).OnBits());
        // Isolated atoms contribute only their atom invariants.
        Assert.Equal([189, 842], Fp("[Na+].[Cl-]", 1, 1024).OnBits());
        Assert.Equal([240], Fp("C", 3, 512).OnBits());
    }

    [Fact]
    public void Fingerprint_basics()
    {
        var a = Fp("CCO");
        Assert.Equal(2048, a.Length);
        Assert.Equal(6, a.Count);
        Assert.True(a[80]);
        Assert.False(a[81]);
        Assert.Equal(a, Fp("OCC"));
        Assert.Equal(a.GetHashCode(), Fp("OCC").GetHashCode());
        Assert.Equal(0.0, Fingerprint.Tanimoto(new Fingerprint(64), new Fingerprint(64)));
        Assert.Throws<ArgumentException>(() => Fingerprint.Tanimoto(a, Fp("CCO", 2, 1024)));
        Assert.Throws<ArgumentOutOfRangeException>(() => a[2048]);
    }
}
