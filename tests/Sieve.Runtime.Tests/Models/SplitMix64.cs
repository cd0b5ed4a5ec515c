namespace Sieve.Runtime.Tests.Models;

/// <summary>
/// A tiny deterministic generator (SplitMix64, Box–Muller) whose numbers are the same on every machine and .NET
/// version, unlike System.Random's unspecified algorithm or libtorch's generator.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in (0, 1], 53 bits.</summary>
    public double NextDouble() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Standard normal draws, rounded to float32.</summary>
    public float[] Normals(long count)
    {
        var values = new float[count];
        for (long i = 0; i < count; i += 2)
        {
            double r = Math.Sqrt(-2 * Math.Log(NextDouble())), angle = 2 * Math.PI * NextDouble();
            values[i] = (float)(r * Math.Cos(angle));
            if (i + 1 < count) values[i + 1] = (float)(r * Math.Sin(angle));
        }
        return values;
    }
}
