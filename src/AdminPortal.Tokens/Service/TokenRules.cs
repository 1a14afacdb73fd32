using System.Globalization;
using AdminPortal.Tokens.Guard;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;

namespace AdminPortal.Tokens.Service;

/// <summary>Validation of a draft into <see cref="TokenDetails"/>: every field rule, with a message naming the field.</summary>
public static class TokenRules
{
    /// <summary>Longest name.</summary>
    public const int NameMaxLength = 100;

    /// <summary>Longest description.</summary>
    public const int DescriptionMaxLength = 500;

    /// <summary>
    /// Validates <paramref name="draft"/>. Dates equal to the token's current ones (<paramref name="current"/>, on edit)
    /// are not re-checked against the clock, so an existing token can be renamed after it started.
    /// <paramref name="heldScopes"/> limits the scopes that may be added (kept scopes stay allowed on edit).
    /// </summary>
    public static Result<TokenDetails> Validate(
        TokenDraft draft, ScopeCatalog catalog, IReadOnlySet<string> heldScopes, DateTimeOffset now, TimeSpan skew, ApiToken? current = null)
    {
        var state = current is null ? null : new CurrentState(current.ValidFrom, current.ValidTo, current.CreatedAt, current.Scopes);
        var name = draft.Name?.Trim() ?? "";
        var description = draft.Description?.Trim() ?? "";
        if ((CheckName(name) ?? CheckDescription(description)) is { } invalid)
        {
            return invalid;
        }

        var scopes = ValidateScopes(draft.Scopes, catalog, heldScopes, state);
        if (!scopes.Succeeded)
        {
            return scopes.Error;
        }

        var window = ValidateWindow(draft.ValidFrom, draft.ValidTo, now, skew, state);
        if (window is not null)
        {
            return window;
        }

        var (addresses, addressError) = AddressAllowList.Normalize(draft.AllowedAddresses);
        if (addressError is not null)
        {
            return TokenError.Invalid("AllowedAddresses", addressError);
        }

        if (CheckRateLimit(draft.RateLimitPerMinute) is { } rate)
        {
            return rate;
        }

        return new TokenDetails(
            name, description, scopes.Value, draft.ValidFrom?.ToUniversalTime(), draft.ValidTo?.ToUniversalTime(), addresses, draft.RateLimitPerMinute);
    }

    /// <summary>
    /// Every problem of <paramref name="draft"/> under the rules of <see cref="Validate"/>, at most one per field, in field
    /// order: for forms that show each reason beside its field while the user types. Empty when Validate would accept it.
    /// <paramref name="current"/> is the token being edited, if any; <paramref name="limits"/> adds the tenant policy's
    /// lifetime rules (checked like the service does: on create, and on edit when the valid-to changes).
    /// </summary>
    public static IReadOnlyList<TokenError> Problems(
        TokenDraft draft, ScopeCatalog catalog, IReadOnlySet<string> heldScopes, DateTimeOffset now, TimeSpan skew, TokenView? current = null,
        TokenLimits? limits = null)
    {
        var state = current is null ? null : new CurrentState(current.ValidFrom, current.ValidTo, current.CreatedAt, current.Scopes);
        TokenError?[] problems =
        [
            CheckName(draft.Name?.Trim() ?? ""),
            CheckDescription(draft.Description?.Trim() ?? ""),
            ValidateScopes(draft.Scopes, catalog, heldScopes, state).Error,
            ValidateWindow(draft.ValidFrom, draft.ValidTo, now, skew, state)
                ?? (limits is null || (current is not null && draft.ValidTo == current.ValidTo) ? null : limits.LifetimeProblem(draft.ValidTo, now)),
            AddressAllowList.Normalize(draft.AllowedAddresses).Error is { } addressError ? TokenError.Invalid("AllowedAddresses", addressError) : null,
            CheckRateLimit(draft.RateLimitPerMinute),
        ];
        return [.. problems.OfType<TokenError>()];
    }

    /// <summary>Highest per-token rate limit (calls per minute).</summary>
    public const int RateLimitMax = 1_000_000;

    private static TokenError? CheckRateLimit(int? perMinute) =>
        perMinute is { } limit && limit is < 1 or > RateLimitMax
            ? TokenError.Invalid("RateLimitPerMinute", $"The rate limit must be from 1 to {RateLimitMax:N0} calls per minute, or empty for the organisation's default.")
            : null;

    private static TokenError? CheckName(string name)
    {
        if (name.Length == 0)
        {
            return TokenError.Invalid("Name", "Name is required.");
        }

        if (name.Length > NameMaxLength)
        {
            return TokenError.Invalid("Name", $"Name must be at most {NameMaxLength} characters.");
        }

        return HasControlCharacters(name) ? TokenError.Invalid("Name", "Name must not contain control, invisible or direction-override characters.") : null;
    }

    private static TokenError? CheckDescription(string description)
    {
        if (description.Length > DescriptionMaxLength)
        {
            return TokenError.Invalid("Description", $"Description must be at most {DescriptionMaxLength} characters.");
        }

        return HasControlCharacters(description.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal))
            ? TokenError.Invalid("Description", "Description must not contain control, invisible or direction-override characters.")
            : null;
    }

    private static Result<IReadOnlyList<string>> ValidateScopes(
        IReadOnlyCollection<string>? requested, ScopeCatalog catalog, IReadOnlySet<string> heldScopes, CurrentState? current)
    {
        var scopes = (requested ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            return TokenError.Invalid("Scopes", "Choose at least one scope.");
        }

        if (scopes.FirstOrDefault(s => !catalog.IsKnown(s)) is { } unknown)
        {
            return new TokenError(TokenErrorCode.ScopeUnknown, $"Unknown scope '{Shorten(unknown)}'.", "Scopes");
        }

        var kept = current?.Scopes ?? [];
        if (scopes.FirstOrDefault(s => !heldScopes.Contains(s) && !kept.Contains(s)) is { } notHeld)
        {
            return new TokenError(TokenErrorCode.ScopeNotHeld, $"You cannot grant '{notHeld}': the token's owner or you do not hold it.", "Scopes");
        }

        return scopes;
    }

    private static TokenError? ValidateWindow(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, TimeSpan skew, CurrentState? current)
    {
        var earliest = now - skew;
        if (from is { } start && start != current?.ValidFrom && start < earliest)
        {
            return TokenError.Invalid("ValidFrom", "Valid from cannot be in the past.");
        }

        if (to is { } end && end != current?.ValidTo && end < earliest)
        {
            return TokenError.Invalid("ValidTo", "Valid to cannot be in the past.");
        }

        if (to is { } last && last <= (from ?? current?.CreatedAt ?? now))
        {
            return TokenError.Invalid("ValidTo", "Valid to must be after valid from.");
        }

        return null;
    }

    /// <summary>
    /// Characters that a name or description must not hide: control characters, direction overrides and marks (they
    /// can make "exe.txt" read as "txt.exe"), invisible format characters such as zero-width spaces (two names that
    /// look the same), line and paragraph separators, non-characters, and halves of surrogate pairs (text that cannot
    /// be stored as UTF-8 unchanged). The zero-width (non-)joiners stay allowed: emoji and several scripts need them.
    /// </summary>
    private static bool HasControlCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var forbidden = char.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
                UnicodeCategory.Format => c is not ('\u200C' or '\u200D'),
                _ => c is '\uFFFE' or '\uFFFF',
            };
            if (forbidden)
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>What the rules need of the token being edited.</summary>
    private sealed record CurrentState(DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, DateTimeOffset CreatedAt, IReadOnlyList<string> Scopes);
}
