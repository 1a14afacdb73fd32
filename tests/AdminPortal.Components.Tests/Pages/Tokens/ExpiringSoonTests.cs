using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>The banner of the own tokens that expire soon, and the "Expiring soon" status filter it applies.</summary>
public sealed class ExpiringSoonTests : TokensPageTest
{
    [Fact]
    public async Task The_banner_counts_the_own_tokens_that_expire_within_7_days_and_its_link_applies_the_filter()
    {
        var user = await UserAsync(Role.User, name: "Uma User");
        var other = await UserAsync(Role.User, name: "Otto Other");
        await CreateExpiringAsync(user, "Nightly backup", days: 2);
        await CreateExpiringAsync(user, "Release signing", days: 6);
        await CreateExpiringAsync(user, "Quarterly report", days: 40);
        await CreateAsync(user, "Laptop script");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await CreateExpiringAsync(other, "Someone else's", days: 1);

        var cut = Open(user);

        Assert.Equal("2 of your tokens expire within 7 days", cut.Find(".expiring-banner-text").TextContent.Trim());
        Button(cut.Find(".expiring-banner"), "Show them")!.Click();

        cut.WaitForAssertion(() => ExpectNames(cut, "Release signing", "Nightly backup"));
        Assert.Equal("?status=expiringsoon", Address);
        Assert.Equal("Expiring soon", Shown(cut, "Status"));
        Assert.Null(Button(cut.Find(".expiring-banner"), "Show them"));
    }

    [Fact]
    public async Task The_expiring_soon_filter_comes_from_the_address_and_follows_the_tenants_notice_period()
    {
        var admin = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        await CreateExpiringAsync(admin, "In two days", days: 2);
        await CreateExpiringAsync(admin, "In five days", days: 5);
        Assert.True((await Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { ExpiryNoticeDays = 3 }, 0)).Succeeded);

        var cut = Open(admin, "?status=expiringsoon");

        ExpectNames(cut, "In two days");
        Assert.Equal("Expiring soon", Shown(cut, "Status"));
        Assert.Equal("1 of your tokens expires within 3 days", cut.Find(".expiring-banner-text").TextContent.Trim());
    }

    [Fact]
    public async Task Without_tokens_that_expire_soon_there_is_no_banner()
    {
        var user = await UserAsync(Role.User);
        await CreateExpiringAsync(user, "Quarterly report", days: 40);
        await CreateAsync(user, "Laptop script");

        var cut = Open(user);

        ExpectNames(cut, "Laptop script", "Quarterly report");
        Assert.Empty(cut.FindAll(".expiring-banner"));
    }

    [Fact]
    public void The_banner_says_how_many_and_within_how_many_days()
    {
        Assert.Equal("2 of your tokens expire within 7 days", ExpiringSoonBanner.Text(new ExpiringSoonSummary(2, 7)));
        Assert.Equal("1 of your tokens expires within 1 day", ExpiringSoonBanner.Text(new ExpiringSoonSummary(1, 1)));
    }

    private async Task CreateExpiringAsync(PortalUser owner, string name, int days)
    {
        Assert.True((await Tokens.CreateAsync(owner.Id, new TokenDraft { Name = name, Scopes = ["tokens:read"], ValidTo = Clock.GetUtcNow().AddDays(days) })).Succeeded);
        Clock.Advance(TimeSpan.FromMinutes(1));
    }
}
