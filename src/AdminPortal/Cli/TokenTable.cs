using System.Globalization;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Cli;

/// <summary>Tokens as an aligned text table, one token a line.</summary>
internal static class TokenTable
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<TokenView> tokens)
    {
        string[] header = ["GUID", "NAME", "OWNER", "SCOPES", "STATUS", "EXPIRES", "LAST USED"];
        var rows = tokens.Select(t => new[]
        {
            t.Id.ToString(), t.Name, t.OwnerName, string.Join(",", t.Scopes), t.Validity.ToString(), Date(t.EffectiveValidTo), Date(t.LastUsedAt),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
    }

    private static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";
}
