using System.Security.Cryptography;
using System.Text;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tokens.Guard;

/// <summary>One secret a scanner found: the text, the scanner's name for its type, where it was found and in what kind of source.</summary>
public sealed record ReportedSecret(string? Token, string? Type, string? Url, string? Source);

/// <summary>The answer for one reported secret: its SHA-256 (hex), type, and whether it was one of the portal's tokens.</summary>
public sealed record LeakVerdict(string TokenHash, string? TokenType, bool TruePositive);

/// <summary>
/// Reports of leaked secrets from scanners whose signature was already verified: every reported secret that is a token
/// (live or not) is a true positive; a live one is revoked at once, in its own transaction, audited with where it was
/// found, and its owner and the tenant's admins are told. Processing is idempotent: a secret reported again finds its
/// token revoked already and changes nothing.
/// </summary>
public sealed class LeakedSecrets(
    IDbContextFactory<TokenDbContext> contexts, TokenSecrets secrets, TokenChanges changes, TimeProvider clock, ILogger<LeakedSecrets> logger)
{
    /// <summary>Most secrets one report may carry.</summary>
    public const int MaxSecretsPerReport = 1000;

    /// <summary>What the audit log names as having revoked a leaked token.</summary>
    public const string ActorName = "Secret scanning report";

    private const int MaxLocationLength = 500;

    /// <summary>Handles a verified report; one verdict per reported secret, in order.</summary>
    public async Task<IReadOnlyList<LeakVerdict>> ReportAsync(IReadOnlyList<ReportedSecret> report, CancellationToken ct = default)
    {
        var verdicts = new List<LeakVerdict>(report.Count);
        foreach (var secret in report)
        {
            var presented = secret.Token ?? "";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
            var stored = secrets.TryHash(presented);
            var isToken = stored is not null && await HandleAsync(stored, secret, ct);
            verdicts.Add(new LeakVerdict(hash, secret.Type, isToken));
        }

        return verdicts;
    }

    /// <summary>Whether a token has <paramref name="storedHash"/>; revokes it when it is still usable.</summary>
    private async Task<bool> HandleAsync(string storedHash, ReportedSecret secret, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await db.Tokens.Include(t => t.Owner).SingleOrDefaultAsync(t => t.SecretHash == storedHash, ct);
        if (token is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (!token.IsUsableAt(now))
        {
            return true;
        }

        var where = Location(secret);
        token.RevokeUnattended(now);
        db.Audit.Add(AuditEntry.ByPortal(token.TenantId, ActorName, now, AuditAction.TokenRevoked, AuditSummaries.RevokedLeaked(token, where), token.Id));
        await NotifyAsync(db, token, where, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed at the same moment (revoked by someone, or by the same report on another node): it is a token either way.
            return true;
        }

        await changes.CommitAsync(db, TokenChange.OfToken(token.Id), TokenChangeKind.Revoked, ct);
        Log.TokenLeakRevoked(logger, token.Id);
        return true;
    }

    /// <summary>The one place where the owner and the tenant's admins are told that a token was revoked because it leaked.</summary>
    private static Task<int> NotifyAsync(TokenDbContext db, ApiToken token, string? where, DateTimeOffset at, CancellationToken ct) =>
        NoticeOutbox.ToOwnerAndAdminsAsync(db, token, NoticeKind.SecretLeaked, $"leaked:{token.Id:N}:{at.UtcTicks}",
            $"Token '{token.Name}' was revoked: its secret was found in a public place",
            $"A secret scanner reported the secret of the token '{token.Name}' ({token.Id}, owner {token.Owner.DisplayName}) "
            + $"found {(where is null ? "in a public place" : $"at {where}")}. The portal revoked it at once; calls with it are refused. "
            + "Create a new token for whatever used it, and remove the secret from where it was published.",
            at, ct);

    /// <summary>Where the secret was found, as the audit shows it: the URL (and kind of source), shortened, without control characters.</summary>
    private static string? Location(ReportedSecret secret)
    {
        var url = Clean(secret.Url);
        var source = Clean(secret.Source);
        var text = (url, source) switch
        {
            (null, null) => null,
            (null, { } s) => $"({s})",
            ({ } u, null) => u,
            ({ } u, { } s) => $"{u} ({s})",
        };
        return text is null || text.Length <= MaxLocationLength ? text : text[..MaxLocationLength] + "…";
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new string([.. text.Trim().Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]);
        return cleaned.Length == 0 ? null : cleaned;
    }
}
