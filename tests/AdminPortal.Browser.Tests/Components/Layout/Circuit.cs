namespace AdminPortal.Browser.Tests.Components.Layout;

/// <summary>How long a test waits for a page's circuit: the first one of a fresh portal on a small, busy machine is slow.</summary>
internal static class Circuit
{
    public const float StartTimeoutMs = Patience.CircuitMs;
}
