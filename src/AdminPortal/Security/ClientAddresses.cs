namespace AdminPortal.Security;

/// <summary>The address a client came from, as the portal records it: last use of a token, sign-in events.</summary>
internal static class ClientAddresses
{
    /// <summary>
    /// The remote address of the connection (an IPv4 address as such, not IPv4-mapped IPv6), or null. Behind a reverse
    /// proxy it is the proxy's, unless the host is configured to take the forwarded address.
    /// </summary>
    public static string? Of(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
}
