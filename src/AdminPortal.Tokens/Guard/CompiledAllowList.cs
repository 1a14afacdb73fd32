using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace AdminPortal.Tokens.Guard;

/// <summary>
/// An allow-list made ready for the verification path: IPv4 ranges as (network, mask) pairs tested against an address
/// parsed from its text without allocating; IPv6 ranges through <see cref="IPNetwork.Contains"/>.
/// </summary>
internal sealed class CompiledAllowList
{
    private readonly uint[] _v4Networks;
    private readonly uint[] _v4Masks;
    private readonly IPNetwork[] _v6;

    private CompiledAllowList(uint[] v4Networks, uint[] v4Masks, IPNetwork[] v6)
    {
        _v4Networks = v4Networks;
        _v4Masks = v4Masks;
        _v6 = v6;
    }

    /// <summary>The list of <paramref name="entries"/> (canonical, as stored), or null when it is empty (any address).</summary>
    public static CompiledAllowList? From(IReadOnlyList<string>? entries)
    {
        if (entries is null or { Count: 0 })
        {
            return null;
        }

        var networks = new List<uint>();
        var masks = new List<uint>();
        var v6 = new List<IPNetwork>();
        foreach (var network in AddressAllowList.ToNetworks(entries))
        {
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                var mask = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
                networks.Add(ToUInt32(network.BaseAddress) & mask);
                masks.Add(mask);
            }
            else
            {
                v6.Add(network);
            }
        }

        return new CompiledAllowList([.. networks], [.. masks], [.. v6]);
    }

    /// <summary>Whether the client at <paramref name="clientAddress"/> (text, as the portal records it) is allowed; unknown: no.</summary>
    public bool Allows(string? clientAddress)
    {
        if (clientAddress is null)
        {
            return false;
        }

        if (TryParseIPv4(clientAddress, out var v4))
        {
            return AllowsV4(v4);
        }

        if (!IPAddress.TryParse(clientAddress, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return AllowsV4(ToUInt32(address.MapToIPv4()));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        foreach (var network in _v6)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private bool AllowsV4(uint address)
    {
        for (var i = 0; i < _v4Networks.Length; i++)
        {
            if ((address & _v4Masks[i]) == _v4Networks[i])
            {
                return true;
            }
        }

        return false;
    }

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>Strict dotted-quad IPv4 ("203.0.113.7"), as <see cref="IPAddress.ToString"/> writes it.</summary>
    private static bool TryParseIPv4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        var parts = 0;
        var value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || parts == 3)
                {
                    return false;
                }

                address = (address << 8) | (uint)value;
                parts++;
                value = 0;
                digits = 0;
            }
            else if (char.IsAsciiDigit(c) && digits < 3)
            {
                value = (value * 10) + (c - '0');
                digits++;
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || parts != 3)
        {
            return false;
        }

        address = (address << 8) | (uint)value;
        return true;
    }
}
