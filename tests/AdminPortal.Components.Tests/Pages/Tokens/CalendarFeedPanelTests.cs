using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>The calendar feed's panel: the address is shown once when made; replace and revoke go through the service.</summary>
public sealed class CalendarFeedPanelTests : PortalComponentTest
{
    [Fact]
    public async Task Making_a_feed_address_shows_it_once_and_revoking_it_closes_the_feed()
    {
        var me = await UserAsync();
        SignIn(me);
        var cut = Render<CalendarFeedPanel>(p => p.Add(c => c.UserId, me.Id));
        cut.WaitForAssertion(() => Assert.Equal("You have no feed address.", cut.Find(".calendar-feed-status").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#calendar-feed-revoke"));

        cut.Find("#calendar-feed-issue").Click();

        var address = "";
        cut.WaitForAssertion(() => address = cut.Find("#calendar-feed-address").GetAttribute("value") ?? "");
        Assert.Matches("^http://localhost/calendar/apcal_[0-9A-Za-z]{40}\\.ics$", address);
        var key = address[(address.LastIndexOf('/') + 1)..^4];
        var feeds = Services.GetRequiredService<CalendarFeeds>();
        Assert.NotNull(await feeds.ReadAsync(key));

        // Opened again, the panel says when the address was made but cannot show it.
        var again = Render<CalendarFeedPanel>(p => p.Add(c => c.UserId, me.Id));
        again.WaitForAssertion(() => Assert.StartsWith("You have a feed address, made 29 Nov 2026", again.Find(".calendar-feed-status").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(again.FindAll("#calendar-feed-address"));
        Assert.Equal("Replace feed address", again.Find("#calendar-feed-issue").TextContent.Trim());

        again.Find("#calendar-feed-revoke").Click();

        again.WaitForAssertion(() => Assert.Equal("You have no feed address.", again.Find(".calendar-feed-status").TextContent.Trim()));
        Assert.Null(await feeds.ReadAsync(key));
    }
}
