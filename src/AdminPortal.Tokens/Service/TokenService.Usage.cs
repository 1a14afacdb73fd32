using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// The usage of one token the caller may see (<see cref="TokenUsageReport"/>) over the last <paramref name="days"/> days
    /// (one of <see cref="TokenUsageReport.Periods"/>); "not found" for a token the caller may not see.
    /// </summary>
    public Task<Result<TokenUsageReport>> GetUsageAsync(Guid actorId, Guid tokenId, int days, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(GetUsageAsync)), actorId, tokenId, async () =>
        {
            if (CheckPeriod(days) is { } invalid)
            {
                return invalid;
            }

            return await ReadAsync<TokenUsageReport>(actorId, async (db, actor) =>
                await db.Tokens.AsNoTracking().VisibleTo(actor).AnyAsync(t => t.Id == tokenId, ct)
                    ? await UsageOfAsync(db, tokenId, days, ct)
                    : TokenError.NotFound(), ct);
        });

    /// <summary>One token the caller may see with who created it and its usage over <paramref name="days"/> days, for its page.</summary>
    public Task<Result<TokenOverview>> GetOverviewAsync(Guid actorId, Guid tokenId, int days, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(GetOverviewAsync)), actorId, tokenId, async () =>
        {
            if (CheckPeriod(days) is { } invalid)
            {
                return invalid;
            }

            return await ReadAsync<TokenOverview>(actorId, async (db, actor) =>
            {
                var token = await db.Tokens.AsNoTracking().VisibleTo(actor).Include(t => t.Owner).SingleOrDefaultAsync(t => t.Id == tokenId, ct);
                if (token is null)
                {
                    return TokenError.NotFound();
                }

                var creator = await db.Users.AsNoTracking().Where(u => u.Id == token.CreatedById).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
                var now = Now();
                var graces = await GraceUntilAsync(db, [token.Id], now, ct);
                return new TokenOverview(ToView(token, actorId, now, graces), creator ?? "(unknown)", await UsageOfAsync(db, tokenId, days, ct));
            }, ct);
        });

    private static TokenError? CheckPeriod(int days) =>
        TokenUsageReport.Periods.Contains(days)
            ? null
            : TokenError.Invalid("Days", $"Days must be {string.Join(" or ", TokenUsageReport.Periods)}.");

    private async Task<TokenUsageReport> UsageOfAsync(TokenDbContext db, Guid tokenId, int days, CancellationToken ct)
    {
        var to = DateOnly.FromDateTime(Now().UtcDateTime);
        var from = to.AddDays(-(days - 1));
        var addresses = await db.TokenAddresses.AsNoTracking()
            .Where(a => a.TokenId == tokenId)
            .OrderByDescending(a => a.LastSeenAt).ThenBy(a => a.Address)
            .Take(TokenAddressUse.MaxPerToken)
            .Select(a => new AddressUsage(a.Address, a.FirstSeenAt, a.LastSeenAt))
            .ToListAsync(ct);
        var counts = await db.TokenDailyCalls.AsNoTracking()
            .Where(c => c.TokenId == tokenId && c.Day >= from && c.Day <= to)
            .Select(c => new { c.Day, c.Outcome, c.Calls })
            .ToListAsync(ct);
        var byDay = counts.ToLookup(c => c.Day);
        var daily = Enumerable.Range(0, days).Select(i => from.AddDays(i)).Select(day => new DailyCalls(
            day,
            // Never below zero: a refusal after acceptance may land on the day after the acceptance (at midnight).
            Math.Max(0, byDay[day].Where(c => c.Outcome == CallOutcome.Accepted).Sum(c => c.Calls)),
            byDay[day].Where(c => c.Outcome != CallOutcome.Accepted && c.Calls != 0).ToDictionary(c => c.Outcome, c => c.Calls, StringComparer.Ordinal)))
            .ToList();
        return new TokenUsageReport(tokenId, days, from, to, addresses, daily);
    }
}
