using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// The create and edit form: its fields (dates as wall-clock times in the browser's zone), the live reasons why it
/// cannot be saved (the token service's own rules, <see cref="TokenRules.Problems"/>), and the draft it submits.
/// Server refusals (a taken name, the limit, a conflict) are kept until the user changes something.
/// </summary>
public sealed class TokenForm
{
    private readonly BrowserTime _time;
    private DateTime? _originalFrom;
    private DateTime? _originalTo;

    private TokenForm(BrowserTime time, Guid id, TokenView? original)
    {
        _time = time;
        Id = id;
        Original = original;
    }

    /// <summary>The token's GUID: pre-generated on create, fixed on edit.</summary>
    public Guid Id { get; private set; }

    /// <summary>The token being edited, or null on create.</summary>
    public TokenView? Original { get; private set; }

    public bool IsEdit => Original is not null;

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public IEnumerable<string> Scopes { get; set; } = [];

    /// <summary>Start of validity in the browser's zone; empty for "from creation".</summary>
    public DateTime? ValidFrom { get; set; }

    /// <summary>End of validity in the browser's zone; empty for "never expires".</summary>
    public DateTime? ValidTo { get; set; }

    /// <summary>Addresses and CIDR ranges calls may come from, one per line (commas and spaces also separate); empty for any.</summary>
    public string AllowedAddresses { get; set; } = "";

    /// <summary>Calls per minute on each node; empty for the organisation's default.</summary>
    public int? RateLimitPerMinute { get; set; }

    /// <summary>The last refusal from the token service, shown until the next save.</summary>
    public TokenError? ServerError { get; set; }

    public static TokenForm ForCreate(BrowserTime time) => new(time, Guid.NewGuid(), null);

    public static TokenForm ForEdit(TokenView token, BrowserTime time)
    {
        var form = new TokenForm(time, token.Id, null);
        form.Load(token);
        return form;
    }

    /// <summary>Takes the fields of <paramref name="token"/> as it is now (after a conflict: the other person's change).</summary>
    public void Load(TokenView token)
    {
        Original = token;
        Id = token.Id;
        Name = token.Name;
        Description = token.Description;
        Scopes = [.. token.Scopes];
        ValidFrom = _originalFrom = token.ValidFrom is { } from ? _time.ToLocal(from) : null;
        ValidTo = _originalTo = token.ValidTo is { } to ? _time.ToLocal(to) : null;
        AllowedAddresses = string.Join('\n', token.AllowedAddresses);
        RateLimitPerMinute = token.RateLimitPerMinute;
        ServerError = null;
    }

    /// <summary>A new GUID for a token not yet created.</summary>
    public void RegenerateId()
    {
        if (!IsEdit)
        {
            Id = Guid.NewGuid();
            ServerError = null;
        }
    }

    /// <summary>What the token service receives. Untouched dates go back exactly as they came, whatever the zone.</summary>
    public TokenDraft ToDraft() => new()
    {
        Id = IsEdit ? null : Id,
        Name = Name,
        Description = Description,
        Scopes = [.. Scopes],
        ValidFrom = ValidFrom == _originalFrom && Original is not null ? Original.ValidFrom : ToUtc(ValidFrom),
        ValidTo = ValidTo == _originalTo && Original is not null ? Original.ValidTo : ToUtc(ValidTo),
        AllowedAddresses = AllowedAddresses.Split(['\n', '\r', ',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries),
        RateLimitPerMinute = RateLimitPerMinute,
    };

    /// <summary>Why the form cannot be saved now, at most one reason per field; empty when it can.</summary>
    public IReadOnlyList<TokenError> Problems(ScopeCatalog catalog, IReadOnlySet<string> heldScopes, DateTimeOffset now, TimeSpan skew, TokenLimits? limits = null) =>
        TokenRules.Problems(ToDraft(), catalog, heldScopes, now, skew, Original, limits);

    /// <summary>The first day the date pickers offer (today in the browser's zone): earlier days are disabled.</summary>
    public DateTime FirstSelectableDay(DateTimeOffset now) => _time.ToLocal(now).Date;

    private DateTimeOffset? ToUtc(DateTime? local) => local is { } value ? _time.ToUtc(value) : null;
}
