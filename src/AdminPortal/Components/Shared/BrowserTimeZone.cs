using Microsoft.JSInterop;

namespace AdminPortal.Components.Shared;

/// <summary>
/// The browser's time zone, asked once per circuit. Only usable once a component is interactive
/// (after its first render); prerendering has no browser to ask.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js)
{
    private TimeZoneInfo? zone;

    /// <summary>The zone of the browser, or UTC if it names one this server does not know.</summary>
    public async ValueTask<TimeZoneInfo> GetAsync()
    {
        if (zone is null)
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/browser-time.js");
            zone = LocalTime.FindZone(await module.InvokeAsync<string?>("timeZone"));
        }

        return zone;
    }
}
