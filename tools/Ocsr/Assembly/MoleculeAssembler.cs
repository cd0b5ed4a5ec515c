using Sieve.Chemistry;
using Sieve.Ocsr.Labels;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Assembly;

/// <summary>A molecule as drawn, before perception: atoms with where they were drawn, and what made it less
/// certain.</summary>
internal sealed record DrawnMolecule(Molecule Molecule, List<AtomPosition> Positions, double Confidence);

/// <summary>Joins the bond graph and the labels: a node near a label becomes the label's attachment atom (every
/// bond drawn to the label ends there), every other node is an implicit carbon. One molecule per connected part.</summary>
internal static class MoleculeAssembler
{
    public static List<DrawnMolecule> Assemble(BondGraph graph, IReadOnlyList<DrawnLabel> labels, double bondLength, double scale,
        IReadOnlyList<DrawnPositionVariation>? variations = null, IReadOnlyList<DrawnRepeatUnit>? repeats = null)
    {
        var m = new Molecule();
        var positions = new List<AtomPosition>();
        var certainty = new List<double>();
        var labelAtom = new int[labels.Count];
        Array.Fill(labelAtom, -1);
        var nodeAtom = new int[graph.Nodes.Count];
        var reach = bondLength * 0.3;

        int LabelAtom(int l)
        {
            if (labelAtom[l] >= 0) return labelAtom[l];
            var label = labels[l];
            var parsed = LabelParser.Parse(label.Text);
            var fragment = parsed?.Fragment ?? UnknownLabel(label.Text);
            var offset = m.AtomCount;
            foreach (var atom in fragment.Atoms) m.AddAtom(atom.Clone());
            foreach (var bond in fragment.Bonds) m.AddBond(bond.Begin + offset, bond.End + offset, bond.Order);
            var centre = new Pt(label.Box.X + label.Box.Width / 2.0, label.Box.Y + label.Box.Height / 2.0);
            for (var i = 0; i < fragment.AtomCount; i++)
                positions.Add(new AtomPosition(i == 0 ? label.Text : "", centre.X / scale, centre.Y / scale));
            certainty.Add(parsed is null ? label.Confidence * 0.3 : label.Confidence);
            return labelAtom[l] = offset;
        }

        // Each node's label (-1: an implicit carbon), then the bonds each label carries, which can overrule a
        // doubtful reading (an H with three bonds is an N).
        var nodeLabel = new int[graph.Nodes.Count];
        for (var n = 0; n < graph.Nodes.Count; n++)
        {
            var p = graph.Nodes[n];
            nodeLabel[n] = -1;
            var best = double.MaxValue;
            for (var l = 0; l < labels.Count; l++)
            {
                var d = GraphQueries.BoxDistance(labels[l].Box, p);
                if (d < reach && d < best) { best = d; nodeLabel[n] = l; }
            }
        }
        var valence = new int[labels.Count];
        foreach (var bond in graph.Bonds)
        {
            int la = nodeLabel[bond.A], lb = nodeLabel[bond.B];
            if (la == lb) continue;
            if (la >= 0) valence[la] += bond.Order;
            if (lb >= 0) valence[lb] += bond.Order;
        }
        labels = OverfullLabels.Resolve(labels, valence);

        for (var n = 0; n < graph.Nodes.Count; n++)
        {
            var p = graph.Nodes[n];
            if (nodeLabel[n] >= 0)
            {
                nodeAtom[n] = LabelAtom(nodeLabel[n]);
                continue;
            }
            nodeAtom[n] = m.AddAtom(new Atom { Element = 6 });
            positions.Add(new AtomPosition("", p.X / scale, p.Y / scale));
        }
        foreach (var bond in graph.Bonds)
        {
            int a = nodeAtom[bond.A], b = nodeAtom[bond.B];
            if (a == b || m.BondBetween(a, b) is not null) continue;
            m.AddBond(new Bond(a, b, bond.Order switch { 2 => BondOrder.Double, 3 => BondOrder.Triple, _ => BondOrder.Single })
            {
                // Begin is the narrow end: the stereocentre a molfile lists first.
                Wedge = bond.Style switch { BondStyle.Wedge => BondWedge.Wedge, BondStyle.Hash => BondWedge.Hash, BondStyle.Wavy or BondStyle.Crossed => BondWedge.Either, _ => BondWedge.None },
            });
        }
        foreach (var pv in variations ?? []) PositionVariations.Add(m, pv, nodeAtom);
        foreach (var ru in repeats ?? [])
            m.RepeatUnits.Add(new RepeatUnit([.. ru.Nodes.Select(n => nodeAtom[n]).Distinct().Order()], ru.Subscript, ""));
        // A label no bond reaches is a structure of its own only when it names one (a counter-ion, a reagent).
        for (var l = 0; l < labels.Count; l++)
            if (labelAtom[l] < 0 && LabelParser.Parse(labels[l].Text) is { IsMarkush: false } && labels[l].Text.Length > 1)
                LabelAtom(l);

        var labelCertainty = certainty.Count == 0 ? 1.0 : certainty.Average();
        var result = new List<DrawnMolecule>();
        foreach (var component in m.Components())
        {
            var (part, partPositions) = Extract(m, positions, component);
            result.Add(new DrawnMolecule(part, partPositions, labelCertainty));
        }
        return result;
    }

    private static Molecule UnknownLabel(string text)
    {
        var frag = new Molecule();
        frag.AddAtom(new Atom { Element = 0, Label = text, IsBracket = true, ExplicitHydrogens = 0 });
        return frag;
    }

    private static (Molecule, List<AtomPosition>) Extract(Molecule m, List<AtomPosition> positions, List<int> atoms)
    {
        var index = new Dictionary<int, int>();
        var part = new Molecule();
        var partPositions = new List<AtomPosition>();
        foreach (var a in atoms.Order())
        {
            index[a] = part.AddAtom(m.Atoms[a].Clone());
            partPositions.Add(positions[a]);
        }
        foreach (var bond in m.Bonds)
            if (index.TryGetValue(bond.Begin, out var b) && index.TryGetValue(bond.End, out var e))
                part.AddBond(new Bond(b, e, bond.Order) { Wedge = bond.Wedge, IsAromatic = bond.IsAromatic });
        foreach (var pv in m.PositionVariations)
            if (index.TryGetValue(pv.Atom, out var star))
                part.PositionVariations.Add(new PositionVariation(star, [.. pv.Candidates.Where(index.ContainsKey).Select(c => index[c])]));
        foreach (var ru in m.RepeatUnits)
            if (ru.Atoms.All(index.ContainsKey))
                part.RepeatUnits.Add(ru with { Atoms = [.. ru.Atoms.Select(a => index[a])] });
        return (part, partPositions);
    }
}
