using System.Globalization;
using System.Text;
using AdminPortal.Tokens.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Components.Pages.Audit;

/// <summary>
/// The audit page's filters and page, as kept in the address so that a view can be bookmarked and shared:
/// <c>audit?token=…&amp;actor=…&amp;from=2026-05-01T08:00:00Z&amp;to=…&amp;page=2&amp;size=50</c>.
/// The filters are the service's own <see cref="AuditQuery"/>; this class reads and writes them as an address.
/// Instants travel as UTC, so a link means the same range in every time zone.
/// </summary>
public static class AuditFilter
{
    /// <summary>Rows per page unless the address says otherwise.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>The page sizes offered; any other size in the address is replaced by the default.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    // Keeps (page - 1) * size far from overflowing whatever the address says.
    private const int MaxPage = 1_000_000;

    /// <summary>The unfiltered first page.</summary>
    public static AuditQuery Default { get; } = new() { PageSize = DefaultPageSize };

    /// <summary>Whether any filter (not just a page) is set.</summary>
    public static bool HasFilters(this AuditQuery query) =>
        query.TokenId is not null || query.ActorId is not null || query.From is not null || query.To is not null;

    /// <summary>Why the time range cannot match anything, or null when it is fine.</summary>
    public static string? RangeError(this AuditQuery query) => query.From is { } from && query.To is { } to && to <= from
        ? "The end of the time range must be after its start."
        : null;

    /// <summary>The same filters on their first page (any change of filter starts over).</summary>
    public static AuditQuery FirstPage(this AuditQuery query) => query with { Page = 1 };

    /// <summary>The address of this view, relative to the base address, with only the values that differ from the defaults.</summary>
    public static string ToRelativeUri(this AuditQuery filter)
    {
        var query = new StringBuilder();
        Add(Keys.Token, filter.TokenId?.ToString("D"));
        Add(Keys.Actor, filter.ActorId?.ToString("D"));
        Add(Keys.From, filter.From is { } from ? FormatInstant(from) : null);
        Add(Keys.To, filter.To is { } to ? FormatInstant(to) : null);
        Add(Keys.Page, filter.Page == 1 ? null : filter.Page.ToString(CultureInfo.InvariantCulture));
        Add(Keys.Size, filter.PageSize == DefaultPageSize ? null : filter.PageSize.ToString(CultureInfo.InvariantCulture));
        return "audit" + query;

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Escape(value));
            }
        }
    }

    /// <summary>The filters in an address (absolute, relative, or just its query). Unreadable values are dropped and reported.</summary>
    public static ParsedAuditFilter Parse(string? uri)
    {
        var queryStart = uri?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        var query = queryStart < 0 ? [] : QueryHelpers.ParseQuery(uri![queryStart..].Split('#')[0]);
        string? Get(string key) => query.TryGetValue(key, out var values) ? values.ToString() : null;

        var problems = new List<string>();
        var filter = new AuditQuery
        {
            TokenId = ParseGuid(Get(Keys.Token), "token GUID", problems),
            ActorId = ParseGuid(Get(Keys.Actor), "actor", problems),
            From = ParseInstant(Get(Keys.From), "start time", problems),
            To = ParseInstant(Get(Keys.To), "end time", problems),
            Page = int.TryParse(Get(Keys.Page), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage ? page : 1,
            PageSize = int.TryParse(Get(Keys.Size), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : DefaultPageSize,
        };
        return new ParsedAuditFilter(filter, problems);
    }

    /// <summary>Reads a token GUID typed into the filter: blank is "any token"; anything else must be a whole GUID.</summary>
    public static bool TryParseTokenId(string? text, out Guid? tokenId, out string? error)
    {
        tokenId = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            tokenId = id;
            return true;
        }

        error = "Enter a whole token GUID, for example 3f2504e0-4f89-11d3-9a0c-0305e82c3301.";
        return false;
    }

    // ':' may stand unescaped in a query (RFC 3986), which keeps shared links with times readable.
    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal);

    private static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Guid? ParseGuid(string? value, string what, List<string> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        problems.Add($"The {what} in the address is not a valid GUID, so that filter is not applied.");
        return null;
    }

    private static DateTimeOffset? ParseInstant(string? value, string what, List<string> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return instant.ToUniversalTime();
        }

        problems.Add($"The {what} in the address is not a date and time, so that filter is not applied.");
        return null;
    }

    /// <summary>The names of the query string parameters.</summary>
    public static class Keys
    {
        public const string Token = "token";
        public const string Actor = "actor";
        public const string From = "from";
        public const string To = "to";
        public const string Page = "page";
        public const string Size = "size";
    }
}

/// <summary>The filters read from an address, and what in it could not be read.</summary>
public sealed record ParsedAuditFilter(AuditQuery Filter, IReadOnlyList<string> Problems);
