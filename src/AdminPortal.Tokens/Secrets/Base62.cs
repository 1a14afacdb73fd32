namespace AdminPortal.Tokens.Secrets;

/// <summary>The base62 alphabet of token secrets, and fixed-width encoding of a checksum.</summary>
public static class Base62
{
    /// <summary>Digits, upper case, lower case.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Characters needed for any 32-bit value (62^6 exceeds 2^32).</summary>
    public const int UInt32Width = 6;

    /// <summary>Encodes <paramref name="value"/> in exactly <see cref="UInt32Width"/> characters.</summary>
    public static string EncodeUInt32(uint value)
    {
        Span<char> chars = stackalloc char[UInt32Width];
        EncodeUInt32(value, chars);
        return new string(chars);
    }

    /// <summary>Encodes <paramref name="value"/> into the first <see cref="UInt32Width"/> characters of <paramref name="destination"/>.</summary>
    public static void EncodeUInt32(uint value, Span<char> destination)
    {
        for (var i = UInt32Width - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    /// <summary>Whether every character is in the alphabet.</summary>
    public static bool IsBase62(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
