using System.Text;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Users;

/// <summary>Sign-in events in the audit log, under the tenant of the person, with the address the browser came from.</summary>
public sealed partial class UserService
{
    /// <summary>The longest reason kept; a reason is a short sentence for people, never a secret.</summary>
    public const int MaxReasonLength = 300;

    /// <summary>Records that the user signed in from <paramref name="clientAddress"/> (null when unknown).</summary>
    public Task RecordSignedInAsync(Guid userId, string? clientAddress, CancellationToken ct = default) =>
        RecordAsync(userId, AuditAction.SignedIn, AuditSummaries.SignedIn(Address(clientAddress)), clientAddress, ct);

    /// <summary>Records that the user signed out from <paramref name="clientAddress"/> (null when unknown).</summary>
    public Task RecordSignedOutAsync(Guid userId, string? clientAddress, CancellationToken ct = default) =>
        RecordAsync(userId, AuditAction.SignedOut, AuditSummaries.SignedOut(Address(clientAddress)), clientAddress, ct);

    /// <summary>
    /// Records that the session of the user was ended by the identity provider's re-check (<paramref name="reason"/>:
    /// for people, never a token or secret), so that a full admin sees why someone was signed out.
    /// </summary>
    public Task RecordSessionEndedAsync(Guid userId, string reason, string? clientAddress, CancellationToken ct = default) =>
        RecordAsync(userId, AuditAction.SignedOut, AuditSummaries.SessionEnded(Reason(reason), Address(clientAddress)), clientAddress, ct);

    /// <summary>
    /// Records a refused sign-in with its <paramref name="reason"/> (for people: never a token, code or secret). When the
    /// person is known (a user with <paramref name="subjectId"/> in the tenant with <paramref name="tenantKey"/>) the entry
    /// goes to that tenant's audit log, where its full admins see it; a refusal before anyone is known (a bad id_token, an
    /// unknown tenant) belongs to no tenant and is written to the application log only. Returns whether it was audited.
    /// </summary>
    public async Task<bool> RecordSignInRefusedAsync(string? tenantKey, string? subjectId, string reason, string? clientAddress, CancellationToken ct = default)
    {
        var why = Reason(reason);
        Guid? userId = null;
        if (tenantKey is not null && subjectId is not null)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            userId = await db.Users.Where(u => u.SubjectId == subjectId && db.Tenants.Any(t => t.Id == u.TenantId && t.Key == tenantKey))
                .Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        }

        if (userId is not { } known)
        {
            Log.SignInRefused(logger, Address(clientAddress) ?? "an unknown address", why);
            return false;
        }

        await RecordAsync(known, AuditAction.SignInRefused, AuditSummaries.SignInRefused(why, Address(clientAddress)), clientAddress, ct);
        return true;
    }

    private async Task RecordAsync(Guid userId, AuditAction action, string summary, string? clientAddress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return;
        }

        db.Audit.Add(AuditEntry.Record(user, clock.GetUtcNow(), action, summary, targetUserId: user.Id, clientAddress: Address(clientAddress)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The address as stored: at most 64 characters of a printable address, or null.</summary>
    private static string? Address(string? address) =>
        address is { Length: > 0 and <= 64 } && address.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '%' or '-' or '_') ? address : null;

    /// <summary>One line, no control characters, at most <see cref="MaxReasonLength"/> characters.</summary>
    private static string Reason(string reason)
    {
        var line = new StringBuilder(Math.Min(reason.Length, MaxReasonLength));
        foreach (var c in reason.Trim())
        {
            if (line.Length == MaxReasonLength)
            {
                break;
            }

            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.Length == 0 ? "no reason given" : line.ToString();
    }
}
