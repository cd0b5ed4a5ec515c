using System.Text;
using Sieve.Runtime.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Loading;

/// <summary>Each way a checkpoint can be broken gives a CheckpointException naming the file, the tensor and the problem.</summary>
public sealed class CheckpointErrorTests : IDisposable
{
    private readonly ScratchFolder _dir = new();

    public CheckpointErrorTests() => TorchRuntime.EnsureLoadable();

    public void Dispose() => _dir.Dispose();

    private string WriteTwo(string name = "model.safetensors")
    {
        using var a = ones([2, 3]);
        using var b = zeros([4], dtype: ScalarType.BFloat16);
        var path = _dir.File(name);
        SafetensorsWriter.Write(path, [new("a.weight", a), new("b.bias", b)]);
        return path;
    }

    /// <summary>A file with a hand-written header, for what our writer would refuse to produce.</summary>
    private string WriteRaw(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var path = _dir.File("model.safetensors");
        using var s = File.Create(path);
        s.Write(BitConverter.GetBytes((ulong)json.Length));
        s.Write(json);
        s.Write(new byte[dataBytes]);
        return path;
    }

    private void WriteIndex(params (string Tensor, int Shard)[] entries) =>
        File.WriteAllText(_dir.File(SafetensorsWriter.IndexFileName), "{\"metadata\": {}, \"weight_map\": {"
            + string.Join(", ", entries.Select(e => $"\"{e.Tensor}\": \"model-{e.Shard:D5}-of-00002.safetensors\""))
            + "}}");

    [Fact]
    public void A_truncated_file_names_the_tensor_whose_data_is_cut()
    {
        var path = WriteTwo();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);

        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Equal(path, e.File);
        Assert.Equal("b.bias", e.Tensor);
        Assert.StartsWith("truncated file", e.Problem);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_file_shorter_than_the_length_field_is_truncated(int length)
    {
        var path = _dir.File("model.safetensors");
        File.WriteAllBytes(path, new byte[length]);
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Null(e.Tensor);
        Assert.Contains("truncated file", e.Message);
    }

    [Fact]
    public void A_header_longer_than_the_file_is_truncated()
    {
        var path = WriteTwo();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..40]);
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Contains("truncated file: the header should be", e.Message);
    }

    [Fact]
    public void Garbage_instead_of_JSON_is_a_corrupt_header()
    {
        var path = WriteRaw("{\"a\": {\"dtype\": \"F32\", ", 0);
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.StartsWith("corrupt header: not valid JSON", e.Problem);
    }

    [Fact]
    public void A_non_safetensors_file_is_refused_by_its_impossible_header_length()
    {
        var path = _dir.File("model.safetensors");
        File.WriteAllText(path, "PK\u0003\u0004 this is a zip, not safetensors, padded out to some length");
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Contains("corrupt header", e.Message);
    }

    [Fact]
    public void Offsets_that_disagree_with_the_shape_are_a_corrupt_header()
    {
        var path = WriteRaw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", 12);
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Equal("w", e.Tensor);
        Assert.Equal("corrupt header: shape [2, 2] of F32 needs 16 bytes but data_offsets cover 12", e.Problem);
    }

    [Fact]
    public void An_unsupported_dtype_is_named_with_the_supported_ones()
    {
        var path = WriteRaw("{\"q\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4);
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Equal("q", e.Tensor);
        Assert.StartsWith("unsupported dtype 'F8_E4M3' (supported: F64, F32, F16, BF16", e.Problem);
    }

    [Fact]
    public void Asking_for_an_absent_tensor_names_it_and_the_checkpoint()
    {
        WriteTwo();
        using var reader = CheckpointReader.Open(_dir.Path);
        var e = Assert.Throws<CheckpointException>(() => reader.Get("lm_head.weight"));
        Assert.Equal("lm_head.weight", e.Tensor);
        Assert.Equal(_dir.File("model.safetensors"), e.File);
        Assert.StartsWith("missing tensor", e.Problem);
    }

    [Fact]
    public void A_shape_other_than_expected_is_refused_with_both_shapes()
    {
        WriteTwo();
        using var reader = CheckpointReader.Open(_dir.Path);
        var e = Assert.Throws<CheckpointException>(() => reader.Get("a.weight", [3, 2]));
        Assert.Equal("wrong shape: the checkpoint has [2, 3], the model expects [3, 2]", e.Problem);
    }

    [Fact]
    public void LoadInto_reports_missing_unexpected_and_misshapen_tensors_and_changes_nothing()
    {
        using var w = ones([3, 5]);              // Linear(4,3) wants [3, 4]
        using var extra = ones([2]);
        SafetensorsWriter.Write(_dir.File("model.safetensors"), [new("weight", w), new("other.weight", extra)]);
        using var reader = CheckpointReader.Open(_dir.Path);
        using var linear = nn.Linear(4, 3);
        using var before = linear.weight!.clone();

        var e = Assert.Throws<CheckpointException>(() => reader.LoadInto(linear));

        Assert.Contains("'other.weight': unexpected tensor", e.Message);
        Assert.Contains("wrong shape: the checkpoint has [3, 5], the model expects [3, 4]", e.Message);
        Assert.Contains("'bias': missing tensor", e.Message);
        Assert.Contains("3 problems", e.Message);
        Assert.True(before.equal(linear.weight!).all().item<bool>());
    }

    [Fact]
    public void LoadInto_names_a_missing_parameter()
    {
        using var w = ones([3, 4]);
        SafetensorsWriter.Write(_dir.File("model.safetensors"), [new("weight", w)]);
        using var reader = CheckpointReader.Open(_dir.Path);
        using var linear = nn.Linear(4, 3);
        var e = Assert.Throws<CheckpointException>(() => reader.LoadInto(linear));
        Assert.Equal("bias", e.Tensor);
        Assert.StartsWith("missing tensor", e.Problem);
        Assert.Equal(1, reader.LoadInto(linear, new CheckpointLoadOptions { AllowMissing = n => n == "bias" }).Loaded);
    }

    [Fact]
    public void A_shard_missing_a_tensor_its_index_lists_is_named()
    {
        using var a = ones(2);
        using var b = ones(3);
        SafetensorsWriter.WriteSharded(_dir.Path, [new("a", a), new("b", b)], maxShardBytes: 8);
        WriteIndex(("a", 1), ("b", 2), ("c", 2));
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Open(_dir.Path));
        Assert.Equal("c", e.Tensor);
        Assert.EndsWith("model-00002-of-00002.safetensors", e.File);
        Assert.StartsWith("missing tensor", e.Problem);
    }

    [Fact]
    public void A_shard_tensor_absent_from_the_index_is_unexpected()
    {
        using var a = ones(2);
        using var b = ones(3);
        SafetensorsWriter.WriteSharded(_dir.Path, [new("a", a), new("b", b)], maxShardBytes: 8);
        WriteIndex(("a", 1), ("renamed", 2));
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Open(_dir.Path));
        Assert.Equal("b", e.Tensor);
        Assert.EndsWith("model-00002-of-00002.safetensors", e.File);
        Assert.StartsWith("unexpected tensor: not listed in model.safetensors.index.json", e.Problem);
    }

    [Fact]
    public void A_shard_file_that_is_not_there_is_named_by_the_index()
    {
        using var a = ones(2);
        using var b = ones(3);
        var shards = SafetensorsWriter.WriteSharded(_dir.Path, [new("a", a), new("b", b)], maxShardBytes: 8);
        File.Delete(shards[1]);
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Open(_dir.Path));
        Assert.Equal(_dir.File(SafetensorsWriter.IndexFileName), e.File);
        Assert.Equal("b", e.Tensor);
        Assert.Contains("missing shard", e.Problem);
    }

    [Fact]
    public void A_folder_without_weights_says_what_it_expected()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Open(_dir.Path));
        Assert.Equal(_dir.Path, e.File);
        Assert.Contains("no weights: expected model.safetensors or model.safetensors.index.json", e.Message);
    }
}
