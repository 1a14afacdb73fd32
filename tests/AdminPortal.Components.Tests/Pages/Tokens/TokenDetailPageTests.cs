using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Verification;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>The page of one token (/tokens/{guid}): its sections, its chart's data, and who may open it.</summary>
public sealed class TokenDetailPageTests : PortalComponentTest
{
    public TokenDetailPageTests() =>
        JSInterop.SetupModule("./js/browser-time.js").Setup<string?>("timeZone").SetResult("Europe/Berlin");

    private UsageRecorder Usage => Services.GetRequiredService<UsageRecorder>();

    [Fact]
    public async Task Owner_sees_every_section_of_their_token_with_its_details_addresses_and_audit_entries()
    {
        var uma = await UserAsync(Role.User, name: "Uma User");
        var created = await CreateAsync(uma, "nightly export", "tokens:read");
        var id = created.Token.Id;
        Usage.Record(id, Clock.GetUtcNow(), "203.0.113.7");
        Usage.Refused(id, CallOutcome.RateLimited, Clock.GetUtcNow());
        await Usage.FlushAsync(Xunit.TestContext.Current.CancellationToken);
        SignIn(uma);

        var cut = await OpenAsync(id);

        Assert.Equal("nightly export", cut.Find("#token-title").TextContent.Trim());
        var details = cut.Find("#token-details").TextContent;
        Assert.Contains(id.ToString("D"), details);
        Assert.Contains("tokens:read", details);
        Assert.Contains("Uma User", details);
        // Created at 09:00 UTC on 29 November: 10:00 in the browser's zone, Berlin.
        Assert.Contains("2026-11-29 10:00:00 by Uma User", details);
        Assert.Contains("203.0.113.7", cut.Find("#token-addresses").TextContent);
        Assert.Contains("Rate limited", cut.Find("#token-reasons").TextContent);
        Assert.Contains("Created 'nightly export'", cut.Find("#token-audit").TextContent);
        // A token without grace, allow-list or limit says what holds for it.
        foreach (var section in new[] { "#token-grace", "#token-policy", "#token-allow-list", "#token-rate-limit" })
        {
            Assert.NotEmpty(cut.Find(section).QuerySelector("h2")!.TextContent);
        }
    }

    [Fact]
    public async Task The_old_secrets_grace_the_allow_list_and_the_rate_limit_of_the_token_are_shown_as_the_service_holds_them()
    {
        var uma = await UserAsync(Role.User);
        var created = await Tokens.CreateAsync(uma.Id, AdminPortal.Testing.TestPeople.Draft("guarded export", "tokens:read") with
        {
            AllowedAddresses = ["203.0.113.0/24", "2001:db8::/32"],
            RateLimitPerMinute = 1200,
        });
        Assert.True(created.Succeeded, created.Error?.Message);
        var id = created.Value!.Token.Id;
        Assert.True((await Tokens.RollAsync(uma.Id, id, TimeSpan.FromHours(1))).Succeeded);
        SignIn(uma);

        var cut = await OpenAsync(id);

        // Rolled at 09:00 UTC with an hour of grace: 11:00 in Berlin.
        Assert.Contains("still works until 2026-11-29 11:00:00", cut.Find("#token-grace-until").TextContent, StringComparison.Ordinal);
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], cut.FindAll("#token-allowed-addresses li").Select(li => li.TextContent.Trim()));
        Assert.Contains("1,200 calls per minute", cut.Find("#token-rate-limit-value").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_shows_accepted_and_refused_calls_per_day_for_30_days_and_90_on_request()
    {
        var uma = await UserAsync(Role.User);
        var id = (await CreateAsync(uma)).Token.Id;
        var today = Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            Usage.Record(id, today.AddSeconds(i), "10.0.0.1");
        }

        Usage.Record(id, today.AddDays(-2), "10.0.0.1");
        Usage.Refused(id, CallOutcome.Expired, today.AddDays(-40));
        Usage.Refused(id, CallOutcome.Revoked, today);
        await Usage.FlushAsync(Xunit.TestContext.Current.CancellationToken);
        SignIn(uma);

        var cut = await OpenAsync(id);
        var month = Series(cut);
        var period = cut.FindComponent<MudToggleGroup<int>>().Instance;
        await cut.InvokeAsync(() => period.ValueChanged.InvokeAsync(90));
        await cut.WaitForStateAsync(() => Series(cut)[0].Count == 90);
        var quarter = Series(cut);

        Assert.Equal(30, month[0].Count);
        Assert.Equal((5.0, 1.0), (month[0][^1], month[1][^1]));
        Assert.Equal(1.0, month[0][^3]);
        Assert.Equal(6.0, month[0].Sum());
        Assert.Equal(1.0, quarter[1][^41]);
        Assert.Equal(2.0, quarter[1].Sum());
        Assert.Contains("6 accepted and 2 refused in the last 90 days", cut.Find("#token-usage-summary").TextContent);
    }

    [Fact]
    public async Task Only_the_owner_and_full_admins_of_the_organisation_see_a_token_and_others_are_told_it_is_not_found()
    {
        var uma = await UserAsync(Role.User, name: "Uma User");
        var colleague = await UserAsync(Role.SecurityReader);
        var admin = await UserAsync(Role.FullAdmin);
        var outsider = await UserAsync(Role.FullAdmin, tenant: "tenant-b");
        var id = (await CreateAsync(uma, "uma's secret thing")).Token.Id;

        var seen = new List<string>();
        foreach (var person in new[] { colleague, outsider, admin })
        {
            SignIn(person);
            var cut = await OpenAsync(id);
            seen.Add(cut.FindAll("#token-title").Count == 1 ? cut.Find("#token-title").TextContent.Trim() : cut.Find("#token-refusal h1").TextContent.Trim());
            Assert.True(cut.FindAll("#token-title").Count == 1 || !cut.Markup.Contains("uma's secret thing", StringComparison.Ordinal));
            // One page at a time in this context (each puts MudBlazor's providers on the page).
            await DisposeComponentsAsync();
        }

        Assert.Equal(["Token not found", "Token not found", "uma's secret thing"], seen);
    }

    private async Task<IRenderedComponent<TokenDetailPage>> OpenAsync(Guid id)
    {
        var cut = Render<TokenDetailPage>(p => p.Add(x => x.Id, id));
        // The token is read once the browser's time zone is known (after the first render).
        await cut.WaitForStateAsync(() => cut.FindAll("#token-title, #token-refusal").Count > 0);
        return cut;
    }

    private static List<List<double>> Series(IRenderedComponent<TokenDetailPage> cut) =>
        [.. cut.FindComponent<MudChart<double>>().Instance.ChartSeries.Select(s => s.Data.Values.ToList())];
}
