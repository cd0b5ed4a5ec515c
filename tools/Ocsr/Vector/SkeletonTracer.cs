namespace Sieve.Ocsr.Vector;

/// <summary>Walks a one-pixel skeleton into polylines that run from node to node, where a node is an end (one
/// neighbour) or a junction (three or more separate branches around it: the crossing number, so the staircase
/// corners of a thinned diagonal are not junctions). A closed loop without nodes (a lone ring, an aromatic
/// circle) is opened at an arbitrary pixel.</summary>
internal static class SkeletonTracer
{
    /// <summary>The 8 neighbours in circular order, for crossing numbers.</summary>
    private static readonly (int dx, int dy)[] Ring =
        [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)];

    /// <summary>4-neighbours first, so a walk along a staircase visits every pixel instead of cutting corners.</summary>
    private static readonly (int dx, int dy)[] WalkOrder =
        [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1), (1, -1)];

    public static List<List<Pt>> Trace(byte[] skel, int width, int height)
    {
        bool On(int x, int y) => x >= 0 && y >= 0 && x < width && y < height && skel[y * width + x] != 0;

        var isNode = new bool[skel.Length];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                if (skel[y * width + x] == 0) continue;
                int count = 0, crossings = 0;
                for (var k = 0; k < 8; k++)
                {
                    var (dx, dy) = Ring[k];
                    var (ex, ey) = Ring[(k + 1) % 8];
                    if (On(x + dx, y + dy)) count++;
                    if (!On(x + dx, y + dy) && On(x + ex, y + ey)) crossings++;
                }
                if (count == 1 || crossings >= 3) isNode[y * width + x] = true;
            }

        var visited = new bool[skel.Length];
        var lines = new List<List<Pt>>();
        Pt P(int i) => new(i % width, i / width);

        IEnumerable<int> Neighbours(int i)
        {
            int x = i % width, y = i / width;
            foreach (var (dx, dy) in WalkOrder)
                if (On(x + dx, y + dy))
                    yield return (y + dy) * width + x + dx;
        }

        List<Pt> Walk(int start, int first)
        {
            var line = new List<Pt> { P(start) };
            int prev = start, cur = first;
            while (true)
            {
                line.Add(P(cur));
                if (isNode[cur] && cur != start || cur == start && line.Count > 2) break;
                visited[cur] = true;
                var next = -1;
                foreach (var n in Neighbours(cur))
                {
                    if (n == prev) continue;
                    if (isNode[n] && (n != start || line.Count > 3)) { next = n; break; }
                }
                if (next < 0)
                    foreach (var n in Neighbours(cur))
                        if (!visited[n] && !isNode[n]) { next = n; break; }
                if (next < 0) break;
                prev = cur;
                cur = next;
            }
            return line;
        }

        for (var i = 0; i < skel.Length; i++)
        {
            if (!isNode[i]) continue;
            foreach (var n in Neighbours(i))
                if (!isNode[n] && !visited[n])
                    lines.Add(Walk(i, n));
        }
        for (var i = 0; i < skel.Length; i++)
        {
            if (skel[i] == 0 || visited[i] || isNode[i]) continue;
            var first = Neighbours(i).FirstOrDefault(-1);
            if (first < 0) continue;
            visited[i] = true;
            var line = Walk(i, first);
            // A path no walk from a node covered (its first pixel went into a short hop between two junction pixels)
            // is met here somewhere along it, the first pixel in row order: it runs on the other way too, and both
            // ways are one line, not a piece per staircase step.
            var back = Neighbours(i).FirstOrDefault(n => !visited[n] && !isNode[n], -1);
            if (back >= 0 && !line.Contains(P(back)))
            {
                var other = Walk(i, back);
                other.Reverse();
                line = [.. other, .. line.Skip(1)];
            }
            lines.Add(line);
        }
        return lines.Where(l => l.Count >= 2).ToList();
    }
}
