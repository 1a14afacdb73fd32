using System.Globalization;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// What the token list shows: its filters, sort and page size, kept in the URL query string so that a view can be
/// bookmarked, shared and reloaded. Parsing is forgiving (an unknown value falls back to the default) and formatting
/// leaves defaults out, so the plain /tokens shows the default view: usable tokens, newest first.
/// </summary>
public sealed record TokenListState
{
    /// <summary>Page sizes the grid offers.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    public const int DefaultPageSize = 25;

    private const int MaxTextLength = 200;

    /// <summary>Name keywords (all must match).</summary>
    public string Name { get; init; } = "";

    /// <summary>A GUID or its beginning.</summary>
    public string GuidPrefix { get; init; } = "";

    /// <summary>Tokens with any of these scopes; empty for any.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public StatusFilter Status { get; init; } = StatusFilter.Usable;

    /// <summary>Only this usage status; null for any.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Created within these days.</summary>
    public DayRange Created { get; init; }

    /// <summary>Expiring (valid-to) within these days.</summary>
    public DayRange Expires { get; init; }

    /// <summary>Last used within these days.</summary>
    public DayRange LastUsed { get; init; }

    /// <summary>Full admins: the whole tenant (the default for them) rather than their own tokens.</summary>
    public bool AllOfTenant { get; init; }

    /// <summary>Full admins, all tokens: only this owner's.</summary>
    public Guid? OwnerId { get; init; }

    public TokenSort Sort { get; init; } = TokenSort.Created;

    public bool Descending { get; init; } = true;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The default view for a user of this kind.</summary>
    public static TokenListState Default(bool isFullAdmin) => new() { AllOfTenant = isFullAdmin };

    /// <summary>Whether any filter differs from the default view (sort and page size aside).</summary>
    public bool IsFiltered => Name.Length > 0 || GuidPrefix.Length > 0 || Scopes.Count > 0 || Status != StatusFilter.Usable || Usage is not null
        || OwnerId is not null || Created.IsSet || Expires.IsSet || LastUsed.IsSet;

    /// <summary>The same view without filters (keeps sort, page size and the admin's All/My choice).</summary>
    public TokenListState ClearFilters() => this with
    {
        Name = "", GuidPrefix = "", Scopes = [], Status = StatusFilter.Usable, Usage = null, OwnerId = null,
        Created = default, Expires = default, LastUsed = default,
    };

    /// <summary>Reads a query string ("?name=ci&amp;status=revoked"); only full admins can ask for all tokens or an owner.</summary>
    public static TokenListState Parse(string? query, bool isFullAdmin)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? One(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;

        var state = Default(isFullAdmin) with
        {
            Name = Text(One("name")),
            GuidPrefix = Text(One("guid")),
            Scopes = Scope(values.TryGetValue("scope", out var scopes) ? scopes.ToArray() : []),
            Status = Enum.TryParse<StatusFilter>(One("status"), ignoreCase: true, out var status) && Enum.IsDefined(status) && !IsNumber(One("status"))
                ? status : StatusFilter.Usable,
            Usage = Enum.TryParse<TokenUsage>(One("usage"), ignoreCase: true, out var usage) && Enum.IsDefined(usage) && !IsNumber(One("usage"))
                ? usage : null,
            Created = DayRange.Parse(One("created")),
            Expires = DayRange.Parse(One("expires")),
            LastUsed = DayRange.Parse(One("lastused")),
            PageSize = int.TryParse(One("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size)
                ? size : DefaultPageSize,
        };

        if (Enum.TryParse<TokenSort>(One("sort"), ignoreCase: true, out var sort) && Enum.IsDefined(sort) && !IsNumber(One("sort")))
        {
            state = state with { Sort = sort, Descending = !string.Equals(One("dir"), "asc", StringComparison.OrdinalIgnoreCase) };
        }

        if (isFullAdmin)
        {
            var all = !string.Equals(One("view"), "mine", StringComparison.OrdinalIgnoreCase);
            var owner = all && Guid.TryParse(One("owner"), CultureInfo.InvariantCulture, out var id) ? id : (Guid?)null;
            state = state with { AllOfTenant = all, OwnerId = owner };
        }

        return state;
    }

    /// <summary>The query string of this view, "" for the default one; the inverse of <see cref="Parse"/>.</summary>
    public string ToQueryString(bool isFullAdmin)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value) => pairs.Add(new(key, value));

        if (Name.Length > 0)
        {
            Add("name", Name);
        }

        if (GuidPrefix.Length > 0)
        {
            Add("guid", GuidPrefix);
        }

        foreach (var scope in Scopes)
        {
            Add("scope", scope);
        }

        if (Status != StatusFilter.Usable)
        {
            Add("status", Status.ToString().ToLowerInvariant());
        }

        if (Usage is { } usage)
        {
            Add("usage", usage.ToString().ToLowerInvariant());
        }

        foreach (var (key, days) in new[] { ("created", Created), ("expires", Expires), ("lastused", LastUsed) })
        {
            if (days.IsSet)
            {
                Add(key, days.ToString());
            }
        }

        if (isFullAdmin && !AllOfTenant)
        {
            Add("view", "mine");
        }

        if (isFullAdmin && AllOfTenant && OwnerId is { } owner)
        {
            Add("owner", owner.ToString("D"));
        }

        if (Sort != TokenSort.Created || !Descending)
        {
            Add("sort", Sort.ToString().ToLowerInvariant());
            Add("dir", Descending ? "desc" : "asc");
        }

        if (PageSize != DefaultPageSize)
        {
            Add("size", PageSize.ToString(CultureInfo.InvariantCulture));
        }

        return QueryString.Create(pairs).ToString();
    }

    /// <summary>The token service's query for page <paramref name="page"/> (1-based) of this view; days are <paramref name="time"/>'s (UTC when null).</summary>
    public TokenQuery ToQuery(int page, BrowserTime? time = null) => new()
    {
        Created = Created.ToInstants(time ?? BrowserTime.Utc),
        Expires = Expires.ToInstants(time ?? BrowserTime.Utc),
        LastUsed = LastUsed.ToInstants(time ?? BrowserTime.Utc),
        Name = Name.Length > 0 ? Name : null,
        GuidPrefix = GuidPrefix.Length > 0 ? GuidPrefix : null,
        Scopes = Scopes,
        Validity = Status.Validities(),
        ExpiringSoon = Status == StatusFilter.ExpiringSoon,
        Usage = Usage is { } usage ? [usage] : [],
        AllOfTenant = AllOfTenant,
        OwnerId = AllOfTenant ? OwnerId : null,
        Sort = Sort,
        Descending = Descending,
        Page = Math.Max(1, page),
        PageSize = PageSize,
    };

    /// <summary>Equal when they show the same view (compares the scope lists by content).</summary>
    public bool Equals(TokenListState? other) => other is not null && ToQueryString(true) == other.ToQueryString(true);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToQueryString(true));

    private static string Text(string? value)
    {
        var text = (value ?? "").Trim();
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength];
    }

    private static IReadOnlyList<string> Scope(IEnumerable<string?> values) =>
        [.. values.Select(Text).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(20)];

    // Enum.TryParse accepts "3" as well as names; the URL speaks names only.
    private static bool IsNumber(string? value) => value is { Length: > 0 } && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+');
}
