namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// A row of the web host's data-protection key ring (the keys of its cookies), which lives in the portal's own
/// database so that it outlives a restart and every node reads it. The layout is ASP.NET Core's EF Core key store
/// (DataProtectionKey: Id, FriendlyName, Xml): the host maps the same table with a context of its own, so that this domain
/// stays free of ASP.NET Core; it is part of this model so that the migrations create it and the copy between engines
/// carries it.
/// </summary>
public sealed class StoredKey
{
    /// <summary>The table's name, which the host's key context maps.</summary>
    public const string Table = "DataProtectionKeys";

    /// <summary>Row number.</summary>
    public int Id { get; set; }

    /// <summary>The key's name.</summary>
    public string? FriendlyName { get; set; }

    /// <summary>The key as XML, encrypted at rest only when the host is given a certificate.</summary>
    public string? Xml { get; set; }
}
