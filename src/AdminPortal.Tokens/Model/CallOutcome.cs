using System.Buffers;

namespace AdminPortal.Tokens.Model;

/// <summary>
/// What happened to a call made with a known token, as counted per day (<see cref="TokenDailyCalls"/>): accepted, or refused
/// for a reason. The set is open: a new refusal is a new code (lower-case letters and underscores, at most
/// <see cref="MaxLength"/> characters), counted with <c>UsageRecorder.Refused</c>, with no change to the schema; the codes
/// below are the ones the portal knows how to name.
/// </summary>
public static class CallOutcome
{
    /// <summary>Longest code.</summary>
    public const int MaxLength = 32;

    /// <summary>The token authenticated the call.</summary>
    public const string Accepted = "accepted";

    /// <summary>Refused: valid-to had passed.</summary>
    public const string Expired = "expired";

    /// <summary>Refused: the token is revoked.</summary>
    public const string Revoked = "revoked";

    /// <summary>Refused: valid-from is still ahead.</summary>
    public const string NotYetValid = "not_yet_valid";

    /// <summary>Refused: the token's owner is deactivated.</summary>
    public const string OwnerDeactivated = "owner_deactivated";

    /// <summary>Refused: the token lacks the scope the endpoint requires.</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>Refused: the client address is not on the token's allow-list.</summary>
    public const string AddressNotAllowed = "address_not_allowed";

    /// <summary>Refused: the token's rate limit was reached.</summary>
    public const string RateLimited = "rate_limited";

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz_");

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [Accepted] = "Accepted",
        [Expired] = "Expired",
        [Revoked] = "Revoked",
        [NotYetValid] = "Not yet valid",
        [OwnerDeactivated] = "Owner deactivated",
        [InsufficientScope] = "Insufficient scope",
        [AddressNotAllowed] = "Address not allowed",
        [RateLimited] = "Rate limited",
    };

    /// <summary>Whether <paramref name="code"/> is a well-formed outcome code.</summary>
    public static bool IsCode(string? code) =>
        code is { Length: > 0 and <= MaxLength } && !code.AsSpan().ContainsAnyExcept(Allowed) && code[0] != '_';

    /// <summary>A person's name for <paramref name="code"/> ("Not yet valid"); an unknown code is spelled out from itself.</summary>
    public static string NameOf(string code) =>
        Names.TryGetValue(code, out var name) ? name : code.Length == 0 ? code : char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');
}
