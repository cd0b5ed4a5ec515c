using System.Collections.Concurrent;
using System.Security.Cryptography;
using Sieve.Markush.Package;

namespace Sieve.KernelFunctions.Markush;

/// <summary>Remembers what a drawing read as, keyed by the file's bytes (SHA-256), so a batch that loads the same
/// package for every molecule, or a server that reports on it again, runs OCSR once per drawing rather than once per
/// load; a changed file has other bytes and is read again. Bounded: past <see cref="Capacity"/> drawings the memory
/// is cleared and refilled (drawings are few per package; this only stops an endless stream of uploads growing it).</summary>
public sealed class CachedFormulaReader(IFormulaImageReader inner) : IFormulaImageReader
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, FormulaImage> _read = new(StringComparer.Ordinal);

    public FormulaImage Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return inner.Read(path); // the reader names the problem with the file in its own words
        }
        var key = Convert.ToHexString(SHA256.HashData(bytes));
        if (_read.TryGetValue(key, out var known)) return known;
        var result = inner.Read(path);
        if (_read.Count >= Capacity) _read.Clear();
        _read[key] = result;
        return result;
    }
}
