using AdminPortal.Components.Pages.Policy;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Tests.Pages.Policy;

/// <summary>The policy page's list of the tokens that the clean-up of unused tokens will revoke soon.</summary>
public sealed class CleanupDuePanelTests : PortalComponentTest
{
    [Fact]
    public async Task Without_a_clean_up_policy_no_token_is_listed()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        await CreateAsync(await UserAsync(), "never used");
        Clock.Advance(TimeSpan.FromDays(400));
        SignIn(ada);

        var cut = Render<CleanupDuePanel>();

        cut.WaitForAssertion(() => Assert.Contains("No token will be revoked for lack of use within the next 14 days", cut.Find("#policy-cleanup-none").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("tbody tr"));
    }

    [Fact]
    public async Task A_full_admin_sees_the_unused_tokens_due_within_two_weeks_with_their_owner_and_revoke_date_and_no_others()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var olga = await UserAsync(name: "Olga Owner");
        var stale = await CreateAsync(olga, "stale deploy");
        Clock.Advance(TimeSpan.FromDays(20));
        await CreateAsync(olga, "fresh deploy");
        Assert.True((await Tokens.ChangePolicyAsync(ada.Id, TenantPolicySettings.Defaults with { CleanupUnusedAfterDays = 30 }, 0)).Succeeded);
        SignIn(ada);

        var cut = Render<CleanupDuePanel>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        var row = cut.Find("tbody tr");
        Assert.Equal("stale deploy", row.QuerySelector("a.policy-token")!.TextContent);
        Assert.Equal($"tokens/{stale.Token.Id:D}", row.QuerySelector("a.policy-token")!.GetAttribute("href"));
        Assert.Contains("Olga Owner", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not yet", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 token is revoked for lack of use", cut.Find("#policy-cleanup-count").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_but_a_full_admin_gets_the_service_refusal_and_no_list()
    {
        var ada = await UserAsync(Role.FullAdmin);
        Assert.True((await Tokens.ChangePolicyAsync(ada.Id, TenantPolicySettings.Defaults with { CleanupUnusedAfterDays = 30 }, 0)).Succeeded);
        var olga = await UserAsync();
        await CreateAsync(olga, "stale deploy");
        Clock.Advance(TimeSpan.FromDays(25));
        SignIn(olga);

        var cut = Render<CleanupDuePanel>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role=alert]")));
        Assert.Empty(cut.FindAll("tbody tr"));
    }
}
