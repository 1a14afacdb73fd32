namespace AdminPortal.Tokens.Model;

/// <summary>One audited management action or sign-in event. Never holds a secret or a hash.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    /// <summary>Sequence number.</summary>
    public long Id { get; private set; }

    /// <summary>The tenant the action happened in.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Who did it.</summary>
    public Guid ActorId { get; private set; }

    /// <summary>The actor's display name at the time.</summary>
    public string ActorName { get; private set; } = "";

    /// <summary>What was done.</summary>
    public AuditAction Action { get; private set; }

    /// <summary>The token acted on, if any (kept after the token is deleted).</summary>
    public Guid? TokenId { get; private set; }

    /// <summary>The user acted on, for user actions.</summary>
    public Guid? TargetUserId { get; private set; }

    /// <summary>A human-readable summary of what changed.</summary>
    public string Summary { get; private set; } = "";

    /// <summary>The network address the browser came from, for sign-in events (as the portal saw it); else null.</summary>
    public string? ClientAddress { get; private set; }

    /// <summary>The actor of what the portal itself detects or does (no person): <see cref="ActorId"/> is empty.</summary>
    public const string PortalActorName = "AdminPortal (automatic)";

    /// <summary>Records an action the portal took itself (no person acted): <paramref name="actorName"/> says what acted.</summary>
    public static AuditEntry ByPortal(
        Guid tenantId, string actorName, DateTimeOffset at, AuditAction action, string summary, Guid? tokenId = null, string? clientAddress = null) =>
        BySystem(tenantId, Guid.Empty, actorName, at, action, summary, tokenId, clientAddress);

    /// <summary>Records an action.</summary>
    public static AuditEntry Record(
        PortalUser actor, DateTimeOffset at, AuditAction action, string summary, Guid? tokenId = null, Guid? targetUserId = null, string? clientAddress = null) =>
        new()
        {
            TenantId = actor.TenantId,
            At = at,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Action = action,
            TokenId = tokenId,
            TargetUserId = targetUserId,
            Summary = summary,
            ClientAddress = clientAddress,
        };

    /// <summary>Records an action of the tenant's policy (<see cref="SystemActors.TenantPolicyId"/>) on a token.</summary>
    public static AuditEntry RecordByPolicy(Guid tenantId, DateTimeOffset at, AuditAction action, string summary, Guid tokenId) =>
        BySystem(tenantId, SystemActors.TenantPolicyId, SystemActors.TenantPolicyName, at, action, summary, tokenId, null);

    private static AuditEntry BySystem(
        Guid tenantId, Guid actorId, string actorName, DateTimeOffset at, AuditAction action, string summary, Guid? tokenId, string? clientAddress) =>
        new()
        {
            TenantId = tenantId,
            At = at,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            TokenId = tokenId,
            Summary = summary,
            ClientAddress = clientAddress is { Length: > 64 } ? clientAddress[..64] : clientAddress,
        };
}
