using AdminPortal.Components.Pages.Policy;
using AdminPortal.Tokens.Model;
using AngleSharp.Dom;

namespace AdminPortal.Components.Tests.Pages.Policy;

/// <summary>The token policy page: who gets it, its settings, saving with the version, errors beside their fields, and the tokens that break the policy.</summary>
public sealed class PolicyPageTests : PortalComponentTest
{
    [Theory]
    [InlineData(Role.User)]
    [InlineData(Role.SecurityReader)]
    public async Task Everyone_but_full_admins_is_refused_and_gets_no_settings(Role role)
    {
        SignIn(await UserAsync(role));

        var cut = Render<PolicyPage>();

        Assert.Equal("Not allowed", cut.Find("h1").TextContent);
        Assert.Empty(cut.FindAll(".policy-section"));
    }

    [Fact]
    public async Task A_full_admin_sees_every_setting_as_saved_with_its_label()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        Assert.True((await Tokens.ChangePolicyAsync(ada.Id, TenantPolicySettings.Defaults with
        {
            MaxLifetimeDays = 90,
            OnlyAdminsCreateTokens = true,
            ScopesByRole = new Dictionary<Role, IReadOnlyList<string>> { [Role.User] = ["tokens:read"] },
            CleanupUnusedAfterDays = 365,
            DefaultRateLimitPerMinute = 600,
        }, 0)).Succeeded);
        SignInWithSession(ada);

        var cut = Render<PolicyEditor>();

        cut.WaitForAssertion(() => Assert.Equal("90", cut.Find("#policy-max-lifetime").GetAttribute("value")));
        Assert.Equal("365", cut.Find("#policy-cleanup-days").GetAttribute("value"));
        Assert.Equal("600", cut.Find("#policy-rate-limit").GetAttribute("value"));
        Assert.Equal("7", cut.Find("#policy-notice-days").GetAttribute("value"));
        foreach (var label in new[]
        {
            "Only administrators create tokens", "Most usable tokens per person", "Maximum lifetime (days)", "Require an end date",
            "Limit the scopes of users", "Notice before expiry (days)", "Tell owners on the day a token expires",
            "Daily digest of expiring tokens to full admins", "Longest grace period (hours)", "Revoke a token whose old secret is used after its grace period",
            "Revoke tokens unused for (days)", "Tokens with a write scope need an address allow-list", "Default rate limit (calls per minute)",
        })
        {
            Assert.Contains(label, cut.Markup, StringComparison.Ordinal);
        }

        Assert.True(Checkbox(cut, "User may use tokens:read").IsChecked());
        Assert.False(Checkbox(cut, "User may use tokens:write").IsChecked());
        Assert.Contains("Version 1", cut.Find(".policy-status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_changes_the_policy_and_a_bad_value_is_shown_beside_its_field_with_save_disabled()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        SignInWithSession(ada);
        var cut = Render<PolicyEditor>();
        cut.WaitForElement("#policy-max-lifetime");

        cut.Find("#policy-cleanup-days").Change("3");
        Assert.Contains("Unused tokens can be cleaned up after between 14 and 3650 days.", cut.Markup, StringComparison.Ordinal);
        Assert.True(SaveButton(cut).HasAttribute("disabled"));
        cut.Find("#policy-cleanup-days").Change("30");
        cut.Find("#policy-max-lifetime").Change("90");
        SaveButton(cut).Click();

        cut.WaitForAssertion(() => Assert.Contains("Version 1", cut.Find(".policy-status").TextContent, StringComparison.Ordinal));
        var saved = (await Tokens.GetPolicyAsync(ada.Id)).Value!;
        Assert.Equal((90, 30), (saved.Settings.MaxLifetimeDays, saved.Settings.CleanupUnusedAfterDays));
    }

    [Fact]
    public async Task A_save_over_someone_elses_change_shows_the_conflict_and_reload_takes_their_policy()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var other = await UserAsync(Role.FullAdmin, name: "Other Admin");
        SignInWithSession(ada);
        var cut = Render<PolicyEditor>();
        cut.WaitForElement("#policy-max-lifetime");
        Assert.True((await Tokens.ChangePolicyAsync(other.Id, TenantPolicySettings.Defaults with { MaxLifetimeDays = 30 }, 0)).Succeeded);

        cut.Find("#policy-max-lifetime").Change("90");
        SaveButton(cut).Click();

        var alert = cut.WaitForElement(".policy-alert[role=alert]");
        Assert.Contains("Someone else changed the policy after you opened it.", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(30, (await Tokens.GetPolicyAsync(ada.Id)).Value!.Settings.MaxLifetimeDays);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Reload policy", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.Equal("30", cut.Find("#policy-max-lifetime").GetAttribute("value")));
        Assert.Empty(cut.FindAll(".policy-alert[role=alert]"));
    }

    [Fact]
    public async Task The_tokens_that_break_the_saved_policy_are_listed_with_what_they_break_and_revoked_in_bulk_after_a_confirmation()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        var endless = await CreateAsync(uma, "endless");
        Assert.True((await Tokens.ChangePolicyAsync(ada.Id, TenantPolicySettings.Defaults with { MaxLifetimeDays = 90 }, 0)).Succeeded);
        SignInWithSession(ada);
        var cut = Render<PolicyEditor>();

        var row = cut.WaitForElement(".policy-violations-table tbody tr");
        Assert.Contains("1 token breaks the policy in force", cut.Find(".policy-violations-summary").TextContent, StringComparison.Ordinal);
        Assert.Contains("endless", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Uma User", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Never expires", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Maximum lifetime: 90 days", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(Button(cut, "Shorten 1 token to 90 days"));

        Button(cut, "Revoke 1 token").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        cut.WaitForAssertion(() => Assert.Contains("Every usable token keeps the policy.", cut.Markup, StringComparison.Ordinal));
        Assert.NotNull((await Tokens.GetAsync(ada.Id, endless.Token.Id)).Value!.RevokedAt);
    }

    [Fact]
    public async Task Checking_unsaved_settings_shows_the_tokens_they_would_break_without_bulk_actions()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        await CreateAsync(uma, "endless");
        SignInWithSession(ada);
        var cut = Render<PolicyEditor>();
        cut.WaitForAssertion(() => Assert.Contains("Every usable token keeps the policy.", cut.Markup, StringComparison.Ordinal));

        cut.Find("#policy-max-lifetime").Change("30");
        Button(cut, "Check existing tokens").Click();

        cut.WaitForAssertion(() => Assert.Contains("With these settings, 1 token would break the policy.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".policy-bulk"));
        Assert.Single(cut.FindAll(".policy-violations-table tbody tr"));
    }

    private static IElement SaveButton(IRenderedComponent<PolicyEditor> cut) => Button(cut, "Save policy");

    private static IElement Button(IRenderedComponent<PolicyEditor> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static IElement Checkbox(IRenderedComponent<PolicyEditor> cut, string label) => cut.Find($"input[aria-label='{label}']");
}
