namespace AdminPortal.Tokens.Service;

/// <summary>One usable token that breaks the tenant policy, and the names of the policies it breaks.</summary>
public sealed record PolicyViolation(TokenView Token, IReadOnlyList<string> Policies);

/// <summary>One page of the tokens that break a tenant policy.</summary>
/// <param name="Total">How many usable tokens break it.</param>
/// <param name="TooLong">How many of them end later than the maximum lifetime from now, or never (those shortening fixes).</param>
/// <param name="Page">The page (1-based).</param>
/// <param name="PageSize">Tokens per page.</param>
/// <param name="Items">The page's tokens, oldest first.</param>
public sealed record PolicyViolations(int Total, int TooLong, int Page, int PageSize, IReadOnlyList<PolicyViolation> Items);

/// <summary>What a bulk action did: how many tokens it changed, and how many it left alone (for example a token that starts after the end it would get).</summary>
public sealed record BulkOutcome(int Changed, int Skipped);
