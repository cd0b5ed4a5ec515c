using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Smiles;

/// <summary>Reads OpenSMILES (with RDKit's dialect where they differ) and the CXSMILES extensions Sieve
/// needs. <see cref="Read"/> behaves like RDKit's <c>MolFromSmiles</c>: parse, drop ordinary explicit
/// hydrogens into their heavy atom's H count, sanitize.</summary>
/// <remarks>
/// <para>Stereo convention (what <see cref="Atom.Chirality"/> refers to): the neighbour order is
/// <see cref="Molecule.BondsOf"/>, which for SMILES input is the written order: the bond from the preceding
/// atom first, then ring-closure bonds at the place their digit is written (also on the atom that opens
/// the ring), then branches and the following atom. An implicit or bracket hydrogen counts as a neighbour
/// placed directly after the preceding atom, or first when the atom begins its component. A consumer can
/// tell the two cases apart from the molecule alone: the atom began its component exactly when its first
/// neighbour has a higher atom index than itself (or it has no neighbours).</para>
/// <para>Bond indices follow RDKit: chain bonds in the order written, then ring-closure bonds grouped by ring
/// number (ascending), each number in closing order; a ring-closure bond begins at the closing atom and ends at
/// the opening atom (as RDKit's GetBeginAtomIdx/GetEndAtomIdx).</para>
/// <para>Double-bond stereo stays as written: <c>/</c> and <c>\</c> land on <see cref="Bond.Direction"/>,
/// relative to the bond's Begin → End. For a chain bond Begin is the earlier-written atom. For a ring-closure
/// bond (Begin = closer) a symbol written at the closing digit is stored as is; one written at the opening
/// digit reads from the opener, so it is stored reversed (<c>C/1</c> at the opener = Down from closer to
/// opener). When both digits carry a symbol, the opener's wins (RDKit).</para>
/// <para>Tetrahedral <c>@TH1</c>/<c>@TH2</c> are read as <c>@</c>/<c>@@</c>. The other OpenSMILES classes
/// (<c>@AL</c>, <c>@SP</c>, <c>@TB</c>, <c>@OH</c>) are accepted and ignored: the atom gets no chirality.</para>
/// </remarks>
public static class SmilesReader
{
    /// <summary>Parse and sanitize like RDKit's <c>MolFromSmiles</c>.</summary>
    /// <exception cref="SmilesParseException">The text is not valid (CX)SMILES.</exception>
    /// <exception cref="MoleculeException">Valid syntax, impossible chemistry (valence, kekulization).</exception>
    public static Molecule Read(string smiles)
    {
        var m = ParseRaw(smiles);
        var stripped = HydrogenRemoval.RemoveOrdinaryHydrogens(m);
        Sanitizer.Sanitize(stripped);
        return stripped;
    }

    /// <summary>Parse without perception: atoms, bonds (aromatic bonds as written), stereo marks,
    /// CXSMILES extensions and name. Explicit <c>[H]</c> atoms stay atoms.</summary>
    /// <exception cref="SmilesParseException">The text is not valid (CX)SMILES.</exception>
    public static Molecule ParseRaw(string smiles)
    {
        ArgumentNullException.ThrowIfNull(smiles);
        var parser = new SmilesReaderParser(smiles);
        return parser.Parse();
    }
}
