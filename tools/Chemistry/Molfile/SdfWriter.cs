using System.Text;

namespace Sieve.Chemistry.Molfile;

/// <summary>Writes molecules as SD records: the molfile (<see cref="MolfileWriter"/>), each of
/// <see cref="Molecule.Properties"/> as a data item, then <c>$$$$</c>.</summary>
public sealed class SdfWriter(TextWriter writer, MolfileVersion version = MolfileVersion.V2000)
{
    public void Write(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var sb = new StringBuilder();
        MolfileWriter.Write(m, version, sb);
        foreach (var (name, value) in m.Properties)
        {
            sb.Append(">  <").Append(name).Append(">\n");
            // A blank line ends a value, so blank lines inside one cannot be kept.
            foreach (var line in value.Split('\n'))
                if (line.Length > 0) sb.Append(line.TrimEnd('\r')).Append('\n');
            sb.Append('\n');
        }
        sb.Append("$$$$\n");
        writer.Write(sb.ToString());
    }

    public void WriteAll(IEnumerable<Molecule> molecules)
    {
        ArgumentNullException.ThrowIfNull(molecules);
        foreach (var m in molecules) Write(m);
    }
}
