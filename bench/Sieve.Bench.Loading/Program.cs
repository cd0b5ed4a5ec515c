// Loading a checkpoint must not cost twice its size. Modes (each load runs in its own process, see bench/loading.sh):
//   write DIR SIZE_MIB        a BF16 checkpoint of about SIZE_MIB (4096x4096 matrices plus a few odd shapes)
//   load DIR mapped|readall float32|bfloat16
//        mapped:  CheckpointReader.Get for every tensor into the runtime dtype (what the model loader does)
//        readall: the naive way, the whole file read into memory first, then tensors copied out of it
// Prints one line: mode, dtype, model bytes in that dtype, peak private (anonymous) memory, ratio, seconds.
using System.Diagnostics;
using System.Globalization;
using Sieve.Runtime;
using Sieve.Runtime.Loading;
using TorchSharp;
using static TorchSharp.torch;

TorchRuntime.EnsureLoadable();
switch (args)
{
    case ["write", var dir, var mib]:
        Write(dir, long.Parse(mib, CultureInfo.InvariantCulture));
        return 0;
    case ["load", var dir, var mode, var dtype]:
        return Load(dir, mode, dtype);
    default:
        Console.Error.WriteLine("usage: write DIR SIZE_MIB | load DIR mapped|readall float32|bfloat16");
        return 1;
}

static void Write(string dir, long mib)
{
    Directory.CreateDirectory(dir);
    var tensors = new List<KeyValuePair<string, Tensor>>();
    var gen = new Generator(1);
    long bytes = 0;
    for (var i = 0; bytes < mib << 20; i++)
    {
        var t = (randn([4096, 4096], generator: gen) * 0.02).to(ScalarType.BFloat16);
        tensors.Add(new($"layers.{i}.weight", t));
        bytes += t.NumberOfElements * 2;
    }
    tensors.Add(new("norm.weight", ones([4096], ScalarType.BFloat16)));
    tensors.Add(new("embed.weight", randn([32064, 128], generator: gen).to(ScalarType.BFloat16)));
    SafetensorsWriter.Write(Path.Combine(dir, SafetensorsWriter.SingleFileName), tensors);
    foreach (var (_, t) in tensors) t.Dispose();
}

static int Load(string dir, string mode, string dtypeName)
{
    var dtype = new RuntimeOptions { DType = dtypeName }.ScalarType;
    using var peak = new PeakAnonymousMemory();
    var clock = Stopwatch.StartNew();
    var loaded = new List<Tensor>();
    using (var reader = CheckpointReader.Open(dir))
    {
        if (mode == "mapped")
        {
            foreach (var info in reader.Tensors)
                loaded.Add(reader.Get(info.Name, dtype));
        }
        else if (mode == "readall")
        {
            var file = File.ReadAllBytes(reader.Files.Single());
            var dataStart = 8 + (long)BitConverter.ToUInt64(file, 0);
            foreach (var info in reader.Tensors)
            {
                using var raw = empty(info.Shape, info.ScalarType);
                raw.bytes = file.AsSpan((int)(dataStart + info.DataBegin), (int)info.ByteLength);
                loaded.Add(raw.to(dtype));
            }
            GC.KeepAlive(file);
        }
        else
        {
            Console.Error.WriteLine($"unknown mode '{mode}'");
            return 1;
        }
    }
    clock.Stop();
    var modelBytes = loaded.Sum(t => t.NumberOfElements * t.ElementSize);
    var top = peak.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{mode,-8} {dtypeName,-9} model {modelBytes / 1048576.0,8:0} MiB   peak private {top / 1048576.0,8:0} MiB   ratio {top / (double)modelBytes,5:0.00}   {clock.Elapsed.TotalSeconds,6:0.00} s"));
    foreach (var t in loaded) t.Dispose();
    return 0;
}

/// <summary>Samples RssAnon (private memory; the mapped file's page cache is not counted) every 2 ms.</summary>
sealed class PeakAnonymousMemory : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public PeakAnonymousMemory()
    {
        _thread = new Thread(() => { while (!_stop) { Sample(); Thread.Sleep(2); } }) { IsBackground = true };
        _thread.Start();
    }

    private void Sample()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                _peak = Math.Max(_peak, kb * 1024);
            }
    }

    public long Stop()
    {
        _stop = true;
        _thread.Join();
        Sample();
        return _peak;
    }

    public void Dispose() => _stop = true;
}
