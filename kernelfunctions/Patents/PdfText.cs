using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Sieve.KernelFunctions.Patents;

/// <summary>Plain text of a PDF, page by page in reading order, for the claim parser. Content-order extraction keeps
/// line breaks, which the parser needs to find "1. A compound …" at the start of a line.</summary>
internal static class PdfText
{
    public static string Extract(string path)
    {
        using var doc = PdfDocument.Open(path);
        var sb = new StringBuilder();
        foreach (var page in doc.GetPages())
        {
            sb.Append(ContentOrderTextExtractor.GetText(page));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
