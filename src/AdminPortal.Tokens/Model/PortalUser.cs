namespace AdminPortal.Tokens.Model;

/// <summary>A person known to the portal, created or updated at each sign-in and by the identity provider's re-checks.</summary>
public sealed class PortalUser
{
    private PortalUser()
    {
    }

    /// <summary>Internal identifier; tokens name their owner by it.</summary>
    public Guid Id { get; private set; }

    /// <summary>The tenant the user belongs to.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>The identity provider's subject identifier, unique within the tenant.</summary>
    public string SubjectId { get; private set; } = "";

    /// <summary>Name shown in the portal.</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>E-mail address from the identity provider.</summary>
    public string Email { get; private set; } = "";

    /// <summary>The user's role, which decides the scopes they hold.</summary>
    public Role Role { get; private set; }

    /// <summary>False once deactivated: the user cannot act and their tokens are suspended.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>When the user was first seen.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The last successful sign-in, if any.</summary>
    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>When the user was deactivated, while deactivated.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Bumped to take the owner's write lock before token writes that check per-owner limits.</summary>
    internal long WriteSerial { get; private set; }

    /// <summary>Creates an active user.</summary>
    public static PortalUser Create(Guid tenantId, string subjectId, string displayName, string email, Role role, DateTimeOffset at) =>
        new()
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            SubjectId = subjectId,
            DisplayName = displayName,
            Email = email,
            Role = role,
            CreatedAt = at,
        };

    /// <summary>Takes the name, e-mail and role the identity provider sent at sign-in.</summary>
    public void UpdateProfile(string displayName, string email, Role role)
    {
        DisplayName = displayName;
        Email = email;
        Role = role;
    }

    /// <summary>Records a successful sign-in.</summary>
    public void RecordSignIn(DateTimeOffset at) => LastSignInAt = at;

    /// <summary>Deactivates the user; their tokens are suspended, not deleted.</summary>
    public void Deactivate(DateTimeOffset at)
    {
        IsActive = false;
        DeactivatedAt = at;
    }

    /// <summary>Reactivates the user; the suspension of their tokens is lifted.</summary>
    public void Reactivate()
    {
        IsActive = true;
        DeactivatedAt = null;
    }
}
