using System.Buffers.Text;
using System.Text;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// The text form of a keyset cursor (<see cref="TokenCursor"/>, the audit log's): its parts joined by line breaks, in
/// base64url, opaque to callers.
/// </summary>
internal static class CursorText
{
    public static string Encode(params string[] parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    /// <summary>The parts of <paramref name="text"/>, at most <paramref name="count"/> (the last keeps any line break), or null when it is not base64url.</summary>
    public static string[]? Decode(string text, int count)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', count);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
