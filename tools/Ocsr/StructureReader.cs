using OpenCvSharp;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Perception;
using Sieve.Ocsr.Assembly;
using Sieve.Ocsr.Imaging;
using Sieve.Ocsr.Labels;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr;

/// <summary>Optical chemical structure recognition: a drawing (PNG, JPEG, TIFF, colour or black and white) in,
/// one molecule per drawn structure out — canonical SMILES, or CXSMILES with R-labels for Markush drawings.
/// Method: binarise, split connected components into label glyphs and line art, thin the line art and
/// vectorise it into bonds (parallel lines are multiple bonds), read labels with a glyph recogniser, assemble,
/// perceive. Low-confidence readings are returned with their confidence, never dropped.</summary>
public static class StructureReader
{
    /// <exception cref="OcsrException">The file is missing or not a decodable image.</exception>
    public static OcsrResult Read(string path)
    {
        using var image = InkImage.Load(path);
        return Read(image, path);
    }

    /// <summary>Reads an image already in memory (8-bit grey, BGR or BGRA).</summary>
    public static OcsrResult Read(Mat image, string name)
    {
        using var ink = InkImage.FromMat(image);
        return Read(ink, name);
    }

    private static OcsrResult Read(InkImage image, string name) => Recognise(image, name) with
    {
        Width = (int)Math.Round(image.Ink.Width / image.Scale),
        Height = (int)Math.Round(image.Ink.Height / image.Scale),
    };

    private static OcsrResult Recognise(InkImage image, string name)
    {
        using var ids = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(image.Ink, ids, stats, centroids, PixelConnectivity.Connectivity8);
        var speck = 2.5 * image.Scale * image.Scale;
        var components = new List<(int Id, Rect Box, int Area)>();
        // Specks are no drawing, except the strokes of a small hashed wedge, which shrink to dots of a few pixels.
        var dots = new List<(int Id, Rect Box)>();
        for (var c = 1; c < count; c++)
        {
            var area = stats.At<int>(c, (int)ConnectedComponentsTypes.Area);
            var box = new Rect(stats.At<int>(c, 0), stats.At<int>(c, 1), stats.At<int>(c, 2), stats.At<int>(c, 3));
            if (area >= speck) components.Add((c, box, area));
            else if (area >= HashDetector.SmallestDot * image.Scale * image.Scale) dots.Add((c, box));
        }
        if (components.Count == 0)
            return new OcsrResult(name, [], "no ink: the image is blank");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // SIEVE_OCSR_INK=FILE.png writes the binarised ink, for debugging a reading.
        if (Environment.GetEnvironmentVariable("SIEVE_OCSR_INK") is { } inkDump) Cv2.ImWrite(inkDump, image.Ink);
        var lines = Vectorise(image.Ink, ids, components.Select(c => c.Id).ToHashSet(), out var stroke, out var traced);
        var vectorised = clock.Elapsed.TotalSeconds;
        // Circles and wavy lines go before bonds are measured: their many short pieces would pull the length down.
        var circles = CircleDetector.Find(components.Select(c => (c.Id, c.Box)), traced, stroke);
        var circled = components.Where(c => circles.Any(o => o.ComponentId == c.Id)).ToList();
        components.RemoveAll(circled.Contains);
        var wavy = WavyBondDetector.Find(traced, stroke);
        foreach (var w in wavy)
            lines[w.ComponentId] = [.. lines[w.ComponentId].Except(w.Pieces), w.Chord];
        var allSegments = lines.SelectMany(kv => kv.Value).ToList();
        var largest = components.Max(c => Math.Max(c.Box.Width, c.Box.Height));
        var bondLength = EstimateBondLength(components
            .Where(c => Math.Max(c.Box.Width, c.Box.Height) >= largest * 0.5)
            .SelectMany(c => lines.GetValueOrDefault(c.Id) ?? []), stroke);
        if (allSegments.Count == 0 || bondLength <= 0)
            return new OcsrResult(name, [], "no lines: nothing in the image looks like a bond");
        // A circle smaller than half a bond is a letter O after all.
        components.AddRange(circled.Where(c => circles.First(o => o.ComponentId == c.Id).Radius < bondLength * 0.25));
        circles.RemoveAll(o => o.Radius < bondLength * 0.25);
        // Hashes: strokes each a component of its own, become a line from the narrow end.
        var hashes = HashDetector.Find(components.Select(c => (c.Id, c.Box, (IReadOnlyList<Segment>)(lines.GetValueOrDefault(c.Id) ?? [])))
            .Concat(dots.Select(d => (d.Id, d.Box, (IReadOnlyList<Segment>)[]))), bondLength, stroke);
        var hashed = hashes.SelectMany(h => h.ComponentIds).ToHashSet();
        components.RemoveAll(c => hashed.Contains(c.Id));

        var glyphs = new List<(int Id, Rect Box)>();
        var nextId = count;
        var lineArt = new List<Segment>();
        var lineArtParts = new List<(int Id, List<Segment> Own)>();
        foreach (var (id, box, area) in components)
        {
            var segs = lines.GetValueOrDefault(id) ?? [];
            var size = Math.Max(box.Width, box.Height);
            var straight = segs.Count == 1 && area <= 2.2 * stroke * size;
            // A slanted straight stroke is a bond line (no label glyph is one slanted stroke alone).
            var slanted = straight && Math.Abs(Math.Atan2(segs[0].B.Y - segs[0].A.Y, segs[0].B.X - segs[0].A.X) * 180 / Math.PI) % 90 is > 20 and < 70;
            var glyph = size < bondLength * 0.75 && !(straight && size > bondLength * 0.5) && !slanted;
            if (glyph)
            {
                glyphs.Add((id, box));
                continue;
            }
            lineArtParts.Add((id, segs.ToList()));
        }

        // Short bonds that passed for glyphs (a nitro's N–O with the '+' touching it): line art, any sign cut out.
        var charH = BondPieces.CharacterHeight(glyphs);
        foreach (var piece in glyphs.Where(g => g.Id < count).ToList())
        {
            var strokes = BondPieces.Strokes(ids, piece.Id, piece.Box, components.First(c => c.Id == piece.Id).Area, lines.GetValueOrDefault(piece.Id) ?? [], stroke);
            if (!BondPieces.IsBondPiece(piece.Box, strokes, charH, bondLength)) continue;
            if (strokes.Count == 0) strokes = [BondPieces.CentreLine(ids, piece.Id, piece.Box)];
            glyphs.Remove(piece);
            lineArtParts.Add((piece.Id, strokes));
        }
        // Letters touching bonds are cut out once the letters' height is known (a ring corner can read as a small N).
        charH = BondPieces.CharacterHeight(glyphs);
        foreach (var wide in glyphs.Where(g => g.Id < count && Math.Max(g.Box.Width, g.Box.Height) >= charH * 1.6).ToList())
        {
            var strokes = lines.GetValueOrDefault(wide.Id)?.ToList() ?? [];
            if (TouchingGlyphs.LetterWithStub(ids, wide.Id, strokes, bondLength, stroke, charH, GlyphClassifier.Default, ref nextId) is not { } letter) continue;
            glyphs.Remove(wide);
            glyphs.Add(letter);
            lineArtParts.Add((wide.Id, strokes));
        }
        InkWidth? widths = null;
        foreach (var (id, own) in lineArtParts)
        {
            // A short wedge's wide end thins into a fork of spurs, a cluster of short strokes read as '-'.
            WedgeDetector.TrimWideEndSpurs(own, widths ??= new InkWidth(image.Ink), bondLength, stroke);
            glyphs.AddRange(TouchingGlyphs.Extract(ids, id, own, bondLength, stroke, charH, GlyphClassifier.Default, ref nextId));
            lineArt.AddRange(own);
        }

        glyphs.AddRange(SignedLetters.Find(ids, glyphs, lineArt, charH, bondLength, stroke, GlyphClassifier.Default, ref nextId));

        var labels = LabelReader.Read(ids, glyphs, GlyphClassifier.Default);
        // An upright stroke a bond points at from a little way off is the iodine symbol.
        labels = labels.Select(l => l.IsStroke && IodineStroke.IsIodine(l, lineArt, bondLength, stroke) ? l with { Text = "I" , IsIodine = true } : l).ToList();
        // Short bond lines (the inner line of a C=O, a stub) can pass for glyphs; alone they are line art again.
        foreach (var stroke_ in labels.Where(l => l.IsStroke))
            foreach (var id in stroke_.ComponentIds)
                if (components.Any(c => c.Id == id && glyphs.Any(g => g.Id == id && g.Box == c.Box)))
                    lineArt.AddRange(lines.GetValueOrDefault(id) ?? []);
        // Text that is no label and was read with little confidence is speckle or a stray mark, not an atom.
        labels = labels.Where(l => !l.IsStroke && !(LabelParser.Parse(l.Text) is null && l.Confidence < 0.65)).ToList();
        if (Environment.GetEnvironmentVariable("SIEVE_OCSR_TRACE") is "1")
            Console.Error.WriteLine($"{name}: vectorised {vectorised:F3}s, labels {clock.Elapsed.TotalSeconds:F3}s, scale {image.Scale} stroke {stroke:F1} bond {bondLength:F1} glyphs {glyphs.Count} " +
                $"labels [{string.Join(", ", labels.Select(l => $"{l.Text}@{l.Box.X},{l.Box.Y} {l.Confidence:F2}"))}]");
        if (Environment.GetEnvironmentVariable("SIEVE_OCSR_TRACE") is "2")
            Console.Error.WriteLine("lines " + string.Join(" ", lineArt.Select(s => $"({s.A.X:F0},{s.A.Y:F0})-({s.B.X:F0},{s.B.Y:F0})")));
        var graph = BondGraph.Build([.. lineArt, .. hashes.Select(h => h.Line)], bondLength, stroke, [.. hashes.Select(h => h.Line)]);
        StereoBonds.Mark(graph, [.. hashes.Select(h => h.Line)], BondStyle.Hash, bondLength, [.. labels.Select(l => l.Box)]);
        StereoBonds.Mark(graph, [.. wavy.Select(w => w.Chord)], BondStyle.Wavy, bondLength, []);
        WedgeDetector.Mark(graph, image.Ink, bondLength, stroke);
        if (Environment.GetEnvironmentVariable("SIEVE_OCSR_TRACE") is "1")
            Console.Error.WriteLine("bonds " + string.Join(" ", graph.Bonds.Select(b =>
                $"({graph.Nodes[b.A].X:F0},{graph.Nodes[b.A].Y:F0})-({graph.Nodes[b.B].X:F0},{graph.Nodes[b.B].Y:F0})x{b.Order}")));
        var variations = PositionVariationDetector.Find(graph, [.. labels.Select(l => l.Box)], bondLength);
        var repeats = RepeatBracketDetector.Find(graph, labels, bondLength);
        BondCrossings.Resolve(graph, bondLength);
        var drawn = MoleculeAssembler.Assemble(graph, labels, bondLength, image.Scale, variations, repeats);
        var structures = new List<OcsrStructure>();
        var problems = new List<string>();
        var ringCircles = circles.Select(c => c with { Centre = c.Centre * (1 / image.Scale), Radius = c.Radius / image.Scale }).ToList();
        foreach (var d in drawn)
        {
            if (d.Molecule.AtomCount < 2 && d.Molecule.BondCount == 0 && d.Molecule.Atoms[0].Element is 0 or 6) continue;
            AromaticCircles.Apply(d, ringCircles);
            if (Perceive(d, out var structure, out var problem)) structures.Add(structure!);
            else problems.Add(problem!);
        }
        if (structures.Count == 0)
            return new OcsrResult(name, [], problems.Count > 0 ? string.Join("; ", problems) : "no structure: no bonded atoms found");
        return new OcsrResult(name, structures, null);
    }

    private static bool Perceive(DrawnMolecule d, out OcsrStructure? structure, out string? problem)
    {
        var m = d.Molecule;
        // R-labels, position variation and repeat brackets are Markush features, written as CXSMILES.
        var isMarkush = m.Atoms.Any(a => a.Element == 0) || m.RepeatUnits.Count > 0;
        var confidence = d.Confidence;
        try
        {
            if (ChargeOverfullAtoms(m)) confidence *= 0.7;
            ChargeNitroOxygens(m);
            Sanitizer.Sanitize(m);
            // Wedges, hashes and double-bond geometry as RDKit reads them from a molblock (image rows point down).
            DrawingStereo.Assign(m, [.. d.Positions.Select(p => new Sieve.Chemistry.Depiction.Point2(p.X, -p.Y))]);
            var positions = d.Positions;
            var withoutH = HydrogenRemoval.RemoveOrdinaryHydrogens(m);
            // Drawn hydrogens (at wedged ring fusions) fold into their atoms, as RDKit reads a molblock; where all
            // of them went the positions follow.
            if (withoutH != m && withoutH.AtomCount == m.AtomCount - m.Atoms.Count(a => a.Element == 1))
            {
                positions = [.. positions.Where((_, i) => m.Atoms[i].Element != 1)];
                m = withoutH;
            }
            var smiles = isMarkush ? CanonicalSmiles.OfWithExtensions(m) : CanonicalSmiles.Of(m);
            structure = new OcsrStructure(smiles, Math.Round(confidence, 3), isMarkush, positions);
            problem = null;
            return true;
        }
        catch (MoleculeException e)
        {
            structure = null;
            problem = $"the drawn structure is not a valid molecule ({e.Message})";
            return false;
        }
    }

    /// <summary>A nitro group drawn N⁺(=O)–O⁻ loses a mark easily: a '−' merged into the N–O bond line reads as
    /// N⁺(=O)–OH, and a double bond whose inner line passed for a glyph as N⁺(–O⁻)–OH. Nobody draws either: with
    /// exactly two terminal oxygens on a charged N, the missing charge or bond order is put back.</summary>
    private static void ChargeNitroOxygens(Molecule m)
    {
        for (var i = 0; i < m.AtomCount; i++)
        {
            if (m.Atoms[i] is not { Element: 7, Charge: 1 } || m.Degree(i) != 3) continue;
            var oxygens = m.BondsOf(i).Select(b => m.Bonds[b]).Select(b => (Bond: b, Index: b.Begin == i ? b.End : b.Begin))
                .Where(n => m.Atoms[n.Index].Element == 8 && n.Bond.Order is BondOrder.Single or BondOrder.Double)
                .Select(n => (n.Bond, Atom: m.Atoms[n.Index], Terminal: m.Degree(n.Index) == 1)).ToList();
            if (oxygens.Count != 2 || oxygens.Any(o => !o.Terminal)) continue;
            if (oxygens.Any(o => o.Atom.IsBracket && o.Atom.Charge == 0 && o.Atom.ExplicitHydrogens > 0)) continue;
            var doubled = oxygens.Where(o => o.Bond.Order == BondOrder.Double).ToList();
            var anion = oxygens.Where(o => o.Bond.Order == BondOrder.Single && o.Atom.Charge == -1).ToList();
            var plain = oxygens.Where(o => o.Bond.Order == BondOrder.Single && o.Atom.Charge == 0).ToList();
            if (doubled.Count == 1 && plain.Count == 1)
            {
                plain[0].Atom.Charge = -1;
                plain[0].Atom.IsBracket = true;
                plain[0].Atom.ExplicitHydrogens = 0;
            }
            // Only where the N has single bonds alone (an N⁺ short of its fourth bond): C=N⁺(O⁻)OH is an aci-nitro.
            else if (anion.Count == 1 && plain.Count == 1 && m.BondsOf(i).All(b => m.Bonds[b].Order == BondOrder.Single))
                plain[0].Bond.Order = BondOrder.Double;
        }
    }

    /// <summary>An uncharged N or O drawn with one bond more than its valence allows had its '+' lost (touching a
    /// bond, too small to read): it is read as the onium ion it must be. True when any atom was changed.</summary>
    private static bool ChargeOverfullAtoms(Molecule m)
    {
        var changed = false;
        for (var i = 0; i < m.AtomCount; i++)
        {
            var atom = m.Atoms[i];
            if (atom.Charge != 0 || atom.Element is not (7 or 8) || atom.IsBracket) continue;
            var valence = m.BondsOf(i).Sum(b => m.Bonds[b].Order switch { BondOrder.Double => 2, BondOrder.Triple => 3, _ => 1 });
            if (valence != (atom.Element == 7 ? 4 : 3)) continue;
            atom.Charge = 1;
            atom.IsBracket = true;
            atom.ExplicitHydrogens = 0;
            changed = true;
        }
        return changed;
    }

    /// <summary>Thins the ink and cuts the centre lines into straight segments, per connected component.</summary>
    private static Dictionary<int, List<Segment>> Vectorise(Mat ink, Mat ids, HashSet<int> keep, out double stroke,
        out List<(int Id, IReadOnlyList<Pt> Path, List<Segment> Pieces)> traced)
    {
        int w = ink.Width, h = ink.Height;
        var raster = new byte[w * h];
        var idRaster = new int[w * h];
        ids.GetArray(out int[] idArray);
        Array.Copy(idArray, idRaster, idRaster.Length);
        long inkPixels = 0;
        for (var i = 0; i < raster.Length; i++)
            if (keep.Contains(idRaster[i])) { raster[i] = 255; inkPixels++; }
        // Bonds become centre lines whose ends and junctions are atoms.
        raster = Thinning.CentreLines(raster, idRaster, w, h);
        // SIEVE_OCSR_SKELETON=FILE.png writes the centre lines, for debugging a reading.
        if (Environment.GetEnvironmentVariable("SIEVE_OCSR_SKELETON") is { } dump)
        {
            using var skeleton = Mat.FromPixelData(h, w, MatType.CV_8UC1, raster);
            Cv2.ImWrite(dump, skeleton);
        }
        long skeletonPixels = raster.Count(b => b != 0);
        stroke = skeletonPixels == 0 ? 1 : Math.Max(1, (double)inkPixels / skeletonPixels);
        var tolerance = Math.Max(2.0, 0.7 * stroke);
        var result = new Dictionary<int, List<Segment>>();
        traced = [];
        foreach (var line in SkeletonTracer.Trace(raster, w, h))
        {
            var first = line[0];
            var id = idRaster[(int)first.Y * w + (int)first.X];
            if (!result.TryGetValue(id, out var list)) result[id] = list = [];
            var pieces = PolylineSimplifier.Simplify(line, tolerance);
            list.AddRange(pieces);
            traced.Add((id, line, pieces));
        }
        return result;
    }

    /// <summary>The typical bond: the median length of the straight pieces of the drawing's larger parts
    /// (labels are small parts, so their many short curve pieces do not pull it down). A line a repeat bracket
    /// crosses counts whole, not as two halves. Where many pieces are short — bonds cut where others cross them
    /// (a bridged ring laid flat), the spurs that thinning leaves on a solid wedge — the median is that of the
    /// pieces over about half the upper quartile's length, when those are a good share of all (a few long pieces
    /// are bonds run together in a line, as in S–C≡N).</summary>
    private static double EstimateBondLength(IEnumerable<Segment> segments, double stroke)
    {
        var all = BracketCrossings.JoinCrossedLines([.. segments], stroke).Select(s => s.Length).ToList();
        var lengths = all.Where(len => len > 3 * stroke).Order().ToList();
        if (lengths.Count == 0) lengths = all.Order().ToList();
        if (lengths.Count == 0) return 0;
        var median = lengths[lengths.Count / 2];
        var longer = lengths.Where(len => len >= 0.55 * lengths[(int)(0.75 * (lengths.Count - 1))]).ToList();
        var robust = longer[longer.Count / 2];
        return median < 0.75 * robust && longer.Count >= 0.4 * lengths.Count ? robust : median;
    }
}
