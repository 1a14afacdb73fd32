using AdminPortal.Tokens.Calendar;
using AdminPortal.Tokens.Service;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Calendar;

/// <summary>The served calendar feed, parsed as a calendar application would (Ical.Net): names and expiry dates, nothing else.</summary>
public sealed class CalendarFeedTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_feed_parses_as_icalendar_with_one_event_per_expiring_token_and_reveals_no_guid_secret_or_scope()
    {
        var owner = await host.UserAsync();
        var now = host.Clock.GetUtcNow();
        var expiring = await host.TokenAsync(owner, new TokenDraft { Name = "deploy, prod; \"main\"", Scopes = ["alerts:write"], ValidTo = now.AddDays(10) });
        await host.TokenAsync(owner, new TokenDraft { Name = "forever", Scopes = ["tokens:read"] });
        var feeds = host.Services.GetRequiredService<CalendarFeeds>();
        var key = (await feeds.IssueKeyAsync(owner.Id, TestContext.Current.CancellationToken)).Value!;
        using var client = host.Client();

        using var answer = await client.GetAsync($"/calendar/{key}.ics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/calendar", answer.Content.Headers.ContentType?.MediaType);
        var text = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var expiry = Assert.Single(calendar.Events);
        Assert.Equal("API token 'deploy, prod; \"main\"' expires", expiry.Summary);
        Assert.Equal(now.AddDays(10).UtcDateTime, expiry.Start!.AsUtc, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(expiring.Token.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(expiring.Token.Id.ToString("N"), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alerts:write", text, StringComparison.Ordinal);
        Assert.DoesNotContain(expiring.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);

        // Replaced: the old address answers 404 like any unknown one.
        var replaced = (await feeds.IssueKeyAsync(owner.Id, TestContext.Current.CancellationToken)).Value!;
        using var old = await client.GetAsync($"/calendar/{key}.ics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        using var fresh = await client.GetAsync($"/calendar/{replaced}.ics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        using var garbage = await client.GetAsync("/calendar/apcal_nothing.ics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
    }
}
