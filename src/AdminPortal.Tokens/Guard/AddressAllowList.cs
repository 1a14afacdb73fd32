using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AdminPortal.Tokens.Guard;

/// <summary>
/// A token's address allow-list: IPv4/IPv6 addresses and CIDR ranges a call may come from; empty means any address.
/// Entries are kept in canonical text ("203.0.113.7", "2001:db8::/32"); a single address is a range of full length.
/// </summary>
public static class AddressAllowList
{
    /// <summary>Most entries a token may carry.</summary>
    public const int MaxEntries = 50;

    /// <summary>
    /// Parses and canonicalises <paramref name="entries"/> (blank entries ignored, duplicates kept once, order kept):
    /// the canonical list, or an error naming the first entry at fault.
    /// </summary>
    public static (IReadOnlyList<string>? Entries, string? Error) Normalize(IEnumerable<string?>? entries)
    {
        var result = new List<string>();
        foreach (var raw in entries ?? [])
        {
            var entry = raw?.Trim() ?? "";
            if (entry.Length == 0)
            {
                continue;
            }

            if (!TryParse(entry, out var network, out var error))
            {
                return (null, error);
            }

            var canonical = Format(network);
            if (!result.Contains(canonical, StringComparer.Ordinal))
            {
                result.Add(canonical);
            }
        }

        return result.Count > MaxEntries
            ? (null, $"A token may allow at most {MaxEntries} addresses or ranges; this list has {result.Count}.")
            : (result, null);
    }

    /// <summary>Parses one entry: an address, or an address and prefix length with no bits set after the prefix.</summary>
    public static bool TryParse(string entry, out IPNetwork network, out string? error)
    {
        network = default;
        var shown = entry.Length <= 60 ? entry : entry[..60] + "…";
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressText, out var address)
            || !(address.AddressFamily is AddressFamily.InterNetwork || address.AddressFamily is AddressFamily.InterNetworkV6)
            || !LooksLikeAddress(addressText, address))
        {
            error = $"'{shown}' is not an IPv4 or IPv6 address or a CIDR range (such as 203.0.113.0/24 or 2001:db8::/32).";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var maxBits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var bits = maxBits;
        if (slash >= 0)
        {
            var prefix = entry[(slash + 1)..];
            if (prefix.Length is 0 or > 3 || !prefix.All(char.IsAsciiDigit)
                || !int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > maxBits)
            {
                error = $"'{shown}' has an invalid prefix length: it must be a number from 0 to {maxBits}.";
                return false;
            }
        }

        var masked = Mask(address, bits);
        if (!masked.Equals(address))
        {
            error = $"'{shown}' has bits set after its prefix length; the range it names is {masked}/{bits}.";
            return false;
        }

        network = new IPNetwork(address, bits);
        error = null;
        return true;
    }

    /// <summary>The canonical text of <paramref name="network"/>: the bare address for a single address.</summary>
    public static string Format(IPNetwork network) =>
        network.PrefixLength == (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            ? network.BaseAddress.ToString()
            : network.ToString();

    /// <summary>The stored canonical entries as networks, for the verification path.</summary>
    public static IPNetwork[] ToNetworks(IReadOnlyList<string> entries)
    {
        var networks = new IPNetwork[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (!TryParse(entries[i], out networks[i], out _))
            {
                // A stored entry that no longer parses allows nothing (never "any address").
                networks[i] = new IPNetwork(IPAddress.IPv6None, 128);
            }
        }

        return networks;
    }

    // IPAddress.TryParse accepts forms no one writes on purpose ("10" for 0.0.0.10, "10.1" for 10.0.0.1): an IPv4 entry
    // must have four dotted parts.
    private static bool LooksLikeAddress(string text, IPAddress address) =>
        address.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') == 3;

    private static IPAddress Mask(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
