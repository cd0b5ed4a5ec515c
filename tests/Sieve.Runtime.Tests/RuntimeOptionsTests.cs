using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests;

public sealed class RuntimeOptionsTests
{
    [Theory]
    [InlineData("float32", ScalarType.Float32)]
    [InlineData("bfloat16", ScalarType.BFloat16)]
    public void The_configured_dtype_is_the_load_and_compute_type(string dtype, ScalarType expected) =>
        Assert.Equal(expected, new RuntimeOptions { DType = dtype }.ScalarType);

    [Fact]
    public void Float16_is_not_a_runtime_dtype_and_is_named_as_such()
    {
        var options = new RuntimeOptions { DType = "float16" };
        Assert.Equal(["Runtime:DType is 'float16'; expected 'float32' or 'bfloat16'"], options.Validate());
        Assert.Contains("'float16'", Assert.Throws<InvalidOperationException>(() => options.ScalarType).Message);
    }

    [Fact]
    public void The_prefix_cache_holds_2_GiB_by_default_and_a_negative_budget_is_named()
    {
        Assert.Equal(2L << 30, new RuntimeOptions().PrefixCache.MaxBytes);
        Assert.Equal(["Runtime:PrefixCache:MaxBytes is -1; expected 0 (off) or a byte count"],
            new RuntimeOptions { PrefixCache = new() { MaxBytes = -1 } }.Validate());
    }

    [Fact]
    public void Devices_map_to_TorchSharp_devices()
    {
        TorchRuntime.EnsureLoadable();
        Assert.Equal(DeviceType.CPU, new RuntimeOptions().TorchDevice.type);
        if (cuda.is_available())
            Assert.Equal(DeviceType.CUDA, new RuntimeOptions { Device = "cuda" }.TorchDevice.type);
        else
            Assert.Contains("-p:TorchBackend=cuda", Assert.Throws<InvalidOperationException>(() => new RuntimeOptions { Device = "cuda" }.TorchDevice).Message);
        Assert.Throws<InvalidOperationException>(() => new RuntimeOptions { Device = "gpu" }.TorchDevice);
    }
}
