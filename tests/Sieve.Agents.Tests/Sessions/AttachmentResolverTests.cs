using Sieve.Agents.Sessions;

namespace Sieve.Agents.Tests.Sessions;

public sealed class AttachmentResolverTests : ScratchFolder
{
    [Fact]
    public void A_package_folder_is_a_patent_stored_by_absolute_path_and_described_by_its_number()
    {
        var a = AttachmentResolver.Resolve("coxib-diarylpyrazole", Samples.Root);
        Assert.Equal(AttachmentKind.Patent, a.Kind);
        Assert.Equal(Samples.Patent("coxib-diarylpyrazole"), a.Value);
        Assert.Contains("SAMPLE-COX-001", a.Description);
    }

    [Fact]
    public void Its_claims_txt_stands_for_the_package()
    {
        var a = AttachmentResolver.Resolve(Path.Combine(Samples.Patent("coxib-diarylpyrazole"), "claims.txt"));
        Assert.Equal(AttachmentKind.Patent, a.Kind);
        Assert.Equal(Samples.Patent("coxib-diarylpyrazole"), a.Value);
    }

    [Fact]
    public void A_folder_without_claims_is_refused_by_name()
    {
        var e = Assert.Throws<AttachmentException>(() => AttachmentResolver.Resolve(Dir));
        Assert.StartsWith($"{Dir}: the folder has no claims.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_smiles_is_a_molecule_kept_as_typed_and_described_canonically()
    {
        var a = AttachmentResolver.Resolve($"  {Samples.Celecoxib} ", Dir);
        Assert.Equal(AttachmentKind.Molecule, a.Kind);
        Assert.Equal(Samples.Celecoxib, a.Value);
        Assert.Contains("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1", a.Description);
        Assert.Contains("C17H14F3N3O2S", a.Description);
    }

    [Fact]
    public void A_smiles_with_double_bond_stereo_slashes_is_not_taken_for_a_path()
    {
        var a = AttachmentResolver.Resolve("F/C=C/F", Dir);
        Assert.Equal(AttachmentKind.Molecule, a.Kind);
    }

    [Fact]
    public void A_molecule_file_is_stored_by_absolute_path()
    {
        File.WriteAllText(Path.Combine(Dir, "celecoxib.smi"), Samples.Celecoxib + " celecoxib\n");
        var a = AttachmentResolver.Resolve("celecoxib.smi", Dir);
        Assert.Equal(AttachmentKind.Molecule, a.Kind);
        Assert.Equal(Path.Combine(Dir, "celecoxib.smi"), a.Value);
        Assert.Equal(Samples.Celecoxib,
            AttachmentResolver.ReadMolecule(new SessionAttachment(1, "s", a.Kind, a.Input, a.Value, a.Description, default)).Structure);
    }

    [Fact]
    public void A_file_of_two_molecules_is_refused_with_the_count()
    {
        File.WriteAllText(Path.Combine(Dir, "two.smi"), "CCO\nCCN\n");
        var e = Assert.Throws<AttachmentException>(() => AttachmentResolver.Resolve("two.smi", Dir));
        Assert.Contains("two.smi", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void A_missing_path_says_so()
    {
        var e = Assert.Throws<AttachmentException>(() => AttachmentResolver.Resolve("samples/patents/nope", Dir));
        Assert.Equal("samples/patents/nope: no such file or folder", e.Message);
    }

    [Fact]
    public void Bad_smiles_says_where_it_breaks()
    {
        var e = Assert.Throws<AttachmentException>(() => AttachmentResolver.Resolve("C1CC", Dir));
        Assert.StartsWith("C1CC: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("ring", e.Message);
        Assert.Contains("no file or folder has that name", e.Message);
    }

    [Fact]
    public void Nothing_to_attach_is_refused()
    {
        var e = Assert.Throws<AttachmentException>(() => AttachmentResolver.Resolve("   ", Dir));
        Assert.Contains("nothing to attach", e.Message);
    }

    [Fact]
    public void A_stored_molecule_file_that_is_gone_is_named_when_used()
    {
        var path = Path.Combine(Dir, "gone.smi");
        File.WriteAllText(path, "CCO\n");
        var a = AttachmentResolver.Resolve(path, Dir);
        File.Delete(path);
        var stored = new SessionAttachment(1, "s", a.Kind, a.Input, a.Value, a.Description, default);
        // Gone, the path is read as SMILES and fails: the error still names what the user attached.
        var e = Assert.Throws<AttachmentException>(() => AttachmentResolver.ReadMolecule(stored));
        Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
    }
}
