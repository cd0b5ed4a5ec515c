using Sieve.Chemistry.Molfile;

namespace Sieve.Chemistry.Tests.Molfile;

public class RGroupQueryTests
{
    private const string Core =
        "  3  2  0  0  0  0  0  0  0  0999 V2000\n" +
        "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "    1.0000    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "    2.0000    0.0000    0.0000 R#  0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "  1  2  1  0\n  2  3  1  0\nM  RGP  1   3   1\nM  END\n";

    private static string Member(string symbol) =>
        "  2  1  0  0  0  0  0  0  0  0999 V2000\n" +
        "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n" +
        $"    1.0000    0.0000    0.0000 {symbol,-3} 0  0  0  0  0  0  0  0  0  0  0  0\n" +
        "  1  2  1  0\nM  APO  1   1   1\nM  END\n";

    [Fact]
    public void Rgfile_core_and_definitions_are_read()
    {
        var text = "$MDL  REV  1\n$MOL\n$HDR\nmethoxy-R\n  prog\n\n$END HDR\n$CTAB\n" + Core + "$END CTAB\n" +
                   "$RGP\n  1\n$CTAB\n" + Member("C") + "$END CTAB\n$CTAB\n" + Member("Cl") + "$END CTAB\n$END RGP\n$END MOL\n";
        var q = MolfileReader.ReadRGroupQuery(text);
        Assert.Equal("methoxy-R", q.Core.Name);
        var r = q.Core.Atoms[2];
        Assert.Equal((0, "R1", 1), (r.Element, r.Label!, r.AtomMap));
        var members = q.Definitions[1];
        Assert.Equal(2, members.Count);
        // C-C with attachment point 1 on the first carbon: a *_AP1 atom bonded to it.
        var ap = members[0].Atoms[2];
        Assert.Equal((0, "_AP1", 1), (ap.Element, ap.Label!, ap.AtomMap));
        Assert.NotNull(members[0].BondBetween(0, 2));
        Assert.Equal(17, members[1].Atoms[1].Element);
        Assert.Equal(2, members[0].Atoms[0].TotalHydrogens);
    }

    [Fact]
    public void V3000_RGROUP_blocks_define_members()
    {
        const string text = "core\n\n\n  0  0  0  0  0  0  0  0  0  0999 V3000\n" +
            "M  V30 BEGIN CTAB\nM  V30 COUNTS 2 1 0 0 0\nM  V30 BEGIN ATOM\nM  V30 1 C 0 0 0 0\nM  V30 2 R# 1 0 0 0 RGROUPS=(1 2)\n" +
            "M  V30 END ATOM\nM  V30 BEGIN BOND\nM  V30 1 1 1 2\nM  V30 END BOND\nM  V30 END CTAB\n" +
            "M  V30 BEGIN RGROUP 2\nM  V30 RLOGIC 0 0 \"\"\n" +
            "M  V30 BEGIN CTAB\nM  V30 COUNTS 1 0 0 0 0\nM  V30 BEGIN ATOM\nM  V30 1 N 0 0 0 0 ATTCHPT=1\nM  V30 END ATOM\nM  V30 END CTAB\n" +
            "M  V30 END RGROUP\nM  END\n";
        var q = MolfileReader.ReadRGroupQuery(text);
        Assert.Equal("R2", q.Core.Atoms[1].Label);
        var member = Assert.Single(q.Definitions[2]);
        Assert.Equal(7, member.Atoms[0].Element);
        Assert.Equal(2, member.Atoms[0].TotalHydrogens);
        // A plain molfile read keeps the core and ignores the definitions.
        Assert.Equal(2, MolfileReader.Read(text).AtomCount);
    }

    [Fact]
    public void A_broken_rgfile_names_the_line()
    {
        var text = "$MDL  REV  1\n$MOL\n$HDR\nx\n\n\n$END HDR\n$CTAB\n" + Core + "$END CTAB\n$RGP\n  one\n";
        var e = Assert.Throws<MolfileParseException>(() => MolfileReader.ReadRGroupQuery(text));
        Assert.Equal(19, e.Position);
    }
}
