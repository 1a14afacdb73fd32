namespace AdminPortal.Browser.Tests;

/// <summary>
/// How long the browser tests wait for what they expect. A passing run never waits this long (each wait ends as soon as
/// its condition holds); the bounds only decide how late a real failure is reported. They are set for a 2-core machine
/// loaded to 40 by other work, where a page's first circuit can take half a minute to connect.
/// </summary>
internal static class Patience
{
    /// <summary>Expectations (Assertions.Expect): an element appears, a text changes.</summary>
    public const float ExpectMs = 60_000;

    /// <summary>Actions and navigations (click, fill, goto, wait for URL).</summary>
    public const float ActionMs = 90_000;

    /// <summary>A fresh page's circuit connecting, the slowest thing a test waits for.</summary>
    public const float CircuitMs = 120_000;
}
