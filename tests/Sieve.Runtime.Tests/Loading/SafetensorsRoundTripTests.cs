using Sieve.Runtime.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Loading;

public sealed class SafetensorsRoundTripTests
{
    public SafetensorsRoundTripTests() => TorchRuntime.EnsureLoadable();

    [Fact]
    public void Every_dtype_reads_back_bit_for_bit_with_its_shape()
    {
        using var dir = new ScratchFolder();
        var tensors = TinyTensors.Mixed();
        try
        {
            SafetensorsWriter.Write(dir.File("model.safetensors"), tensors);
            using var file = SafetensorsFile.Open(dir.File("model.safetensors"));

            Assert.Equal(tensors.Select(t => t.Key).Order(StringComparer.Ordinal),
                file.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
            Assert.Equal("pt", file.Metadata["format"]);
            foreach (var (name, expected) in tensors)
            {
                using var actual = file.Get(name);
                TinyTensors.AssertIdentical(expected, actual);
                Assert.Equal(SafetensorsDType.NameOf(expected.dtype), file.Info(name).DType);
            }
        }
        finally { TinyTensors.Dispose(tensors); }
    }

    [Fact]
    public void The_data_area_starts_8_byte_aligned_as_safetensors_writes_it()
    {
        using var dir = new ScratchFolder();
        using var t = ones(3);
        SafetensorsWriter.Write(dir.File("a.safetensors"), [new("x", t)]);
        var bytes = File.ReadAllBytes(dir.File("a.safetensors"));
        var headerLength = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal(8 + (long)headerLength + 12, bytes.Length);
    }

    [Fact]
    public void BF16_on_disk_loads_exactly_as_BF16_and_widens_exactly_to_F32()
    {
        using var dir = new ScratchFolder();
        using var bf16 = randn([4, 5], generator: new Generator(3)).to(ScalarType.BFloat16);
        SafetensorsWriter.Write(dir.File("model.safetensors"), [new("w", bf16)]);
        using var reader = CheckpointReader.Open(dir.Path);

        using var same = reader.Get("w", ScalarType.BFloat16);
        TinyTensors.AssertIdentical(bf16, same);
        using var wide = reader.Get("w", ScalarType.Float32);
        using var expected = bf16.to(ScalarType.Float32);
        TinyTensors.AssertIdentical(expected, wide);
    }

    [Fact]
    public void F16_on_disk_loads_as_BF16_or_F32_by_conversion()
    {
        using var dir = new ScratchFolder();
        using var f16 = randn([6], generator: new Generator(5)).to(ScalarType.Float16);
        SafetensorsWriter.Write(dir.File("model.safetensors"), [new("w", f16)]);
        using var reader = CheckpointReader.Open(dir.Path);

        using var asBf16 = reader.Get("w", ScalarType.BFloat16);
        using var asF32 = reader.Get("w", ScalarType.Float32);
        using var expectBf16 = f16.to(ScalarType.BFloat16);
        using var expectF32 = f16.to(ScalarType.Float32);
        TinyTensors.AssertIdentical(expectBf16, asBf16);
        TinyTensors.AssertIdentical(expectF32, asF32);
    }

    [Fact]
    public void Sharded_checkpoint_equals_the_single_file()
    {
        using var single = new ScratchFolder();
        using var sharded = new ScratchFolder();
        var tensors = TinyTensors.Mixed();
        try
        {
            SafetensorsWriter.Write(single.File("model.safetensors"), tensors);
            var shards = SafetensorsWriter.WriteSharded(sharded.Path, tensors, maxShardBytes: 300);
            Assert.True(shards.Count >= 3, $"expected several shards, got {shards.Count}");
            Assert.Equal($"model-00001-of-{shards.Count:D5}.safetensors", Path.GetFileName(shards[0]));

            using var a = CheckpointReader.Open(single.Path);
            using var b = CheckpointReader.Open(sharded.Path);
            Assert.Equal(shards.Count, b.Files.Count);
            Assert.Equal(a.Tensors.Select(t => (t.Name, t.DType, string.Join(",", t.Shape))),
                b.Tensors.Select(t => (t.Name, t.DType, string.Join(",", t.Shape))));
            foreach (var info in a.Tensors)
            {
                using var x = a.Get(info.Name);
                using var y = b.Get(info.Name);
                TinyTensors.AssertIdentical(x, y);
            }
            Assert.Equal(a.ElementCount, b.ElementCount);
        }
        finally { TinyTensors.Dispose(tensors); }
    }

    [Fact]
    public void LoadInto_fills_a_module_converting_to_its_dtype_and_leaves_tied_weights_alone_when_allowed()
    {
        using var dir = new ScratchFolder();
        using var w = randn([3, 4], generator: new Generator(9)).to(ScalarType.BFloat16);
        using var bias = randn([3], generator: new Generator(10)).to(ScalarType.BFloat16);
        SafetensorsWriter.Write(dir.File("model.safetensors"), [new("weight", w), new("bias", bias), new("extra.position_ids", arange(4L))]);
        using var reader = CheckpointReader.Open(dir.Path);
        using var linear = nn.Linear(4, 3, dtype: ScalarType.Float32);

        var report = reader.LoadInto(linear, new CheckpointLoadOptions { IgnoreUnexpected = n => n.EndsWith("position_ids", StringComparison.Ordinal) });

        Assert.Equal(2, report.Loaded);
        Assert.Equal(["extra.position_ids"], report.Ignored);
        using var expectW = w.to(ScalarType.Float32);
        TinyTensors.AssertIdentical(expectW, linear.weight!);
        Assert.Equal(ScalarType.Float32, linear.bias!.dtype);
    }

    [Fact]
    public void Parameter_counts_by_dtype_come_from_the_headers()
    {
        using var dir = new ScratchFolder();
        var tensors = TinyTensors.Mixed();
        try
        {
            SafetensorsWriter.Write(dir.File("model.safetensors"), tensors);
            using var reader = CheckpointReader.Open(dir.File("model.safetensors"));
            Assert.Equal(tensors.Sum(t => t.Value.NumberOfElements), reader.ElementCount);
            Assert.Equal(8 * 8 + 8, reader.ElementsByDType["BF16"]);
            Assert.Equal(12 * 8, reader.ElementsByDType["F16"]);
            Assert.Equal(5, reader.ElementsByDType["I64"]);
        }
        finally { TinyTensors.Dispose(tensors); }
    }
}
