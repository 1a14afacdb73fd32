namespace AdminPortal.Tests.SignIn;

/// <summary>
/// Return addresses that must never send a signed-in browser off the portal: browsers drop tabs and newlines from
/// URLs and read a backslash as a slash, so each of these is, or can become, "//evil.example" or another origin.
/// </summary>
public static class HostileReturnUrls
{
    public static readonly IReadOnlyList<string> All =
    [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\t\\evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "/\\\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "https://evil.example/",
        "http://evil.example",
        "https:evil.example",
        "//evil.example/%2F..",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "%2F%2Fevil.example",
        "%2F%09%2Fevil.example",
        " /\t/evil.example",
        "\t//evil.example",
        "~//evil.example",
        "~/\\evil.example",
        "evil.example",
        "/\u0000/evil.example",
        "/\u007f/evil.example",
    ];

    /// <summary>Local paths that look odd but stay on the portal; they are kept as they are.</summary>
    public static readonly IReadOnlyList<string> LocalButOdd =
    [
        "/%2F%2Fevil.example",
        "/%09/evil.example",
        "/%5Cevil.example",
    ];
}
