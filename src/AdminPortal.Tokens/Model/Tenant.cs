namespace AdminPortal.Tokens.Model;

/// <summary>An organisation: tokens and users never cross its boundary.</summary>
public sealed class Tenant
{
    private Tenant()
    {
    }

    /// <summary>Internal identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The stable key the identity provider sends (for example "contoso").</summary>
    public string Key { get; private set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>When set, only full admins may create tokens in this tenant.</summary>
    public bool OnlyAdminsCreateTokens { get; private set; }

    /// <summary>When the tenant was first seen.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates a tenant.</summary>
    public static Tenant Create(string key, string name, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), Key = key, Name = name, CreatedAt = at };

    /// <summary>Turns the "only admins create tokens" setting on or off.</summary>
    public void RestrictTokenCreationToAdmins(bool restrict) => OnlyAdminsCreateTokens = restrict;
}
