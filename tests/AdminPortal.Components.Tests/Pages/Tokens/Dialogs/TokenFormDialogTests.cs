using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.Components.Tests.Pages.Tokens.Dialogs;

/// <summary>The create and edit form: the service's reasons beside each field, Save's state, and what a save hands over.</summary>
public sealed class TokenFormDialogTests : TokenDialogTest
{
    private readonly List<CreatedToken> _created = [];
    private readonly List<TokenView> _saved = [];

    [Fact]
    public async Task An_empty_create_form_keeps_save_disabled_and_quietly_says_why_beside_name_and_scopes()
    {
        await OpenCreateAsync(await UserAsync());

        Assert.Equal("Create token", DialogTitle());
        Assert.True(IsDisabled(Button("Save")));
        Assert.Equal("Name is required.", ProblemOf("token-name").TextContent.Trim());
        Assert.Contains("is-hint", ProblemOf("token-name").ClassName, StringComparison.Ordinal);
        Assert.Equal("Choose at least one scope.", ProblemOf("token-scopes").TextContent.Trim());
        Assert.Equal("2 things to fix before saving", Dialog.QuerySelector("[role='status']")!.TextContent.Trim());
        Assert.Equal("Scopes", Dialog.QuerySelector(".scope-picker legend")!.TextContent.Trim());
        Assert.NotNull(Dialog.QuerySelector("label[for='token-name']"));
        Assert.Equal("token-name-problem", Dialog.QuerySelector("#token-name")!.GetAttribute("aria-describedby"));
    }

    [Theory]
    [InlineData("   ", "Name is required.")]
    [InlineData("tab\tname", "Name must not contain control, invisible or direction-override characters.")]
    [InlineData("right\u202Eto left", "Name must not contain control, invisible or direction-override characters.")]
    public async Task A_bad_name_is_an_error_beside_the_name_and_save_stays_disabled(string name, string message)
    {
        await OpenCreateAsync(await UserAsync());
        TickScope("alerts:read");

        Type("token-name", name);

        Assert.Equal(message, ProblemOf("token-name").TextContent.Trim());
        Assert.Contains("is-error", ProblemOf("token-name").ClassName, StringComparison.Ordinal);
        Assert.True(IsDisabled(Button("Save")));
        Assert.Equal("1 thing to fix before saving", Dialog.QuerySelector("[role='status']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_name_or_description_too_long_is_refused_with_its_limit()
    {
        await OpenCreateAsync(await UserAsync());
        TickScope("alerts:read");

        Type("token-name", new string('n', TokenRules.NameMaxLength + 1));
        Type("token-description", new string('d', TokenRules.DescriptionMaxLength + 1));

        Assert.Equal("Name must be at most 100 characters.", ProblemOf("token-name").TextContent.Trim());
        Assert.Equal("Description must be at most 500 characters.", ProblemOf("token-description").TextContent.Trim());
        Assert.True(IsDisabled(Button("Save")));
    }

    [Fact]
    public async Task Unticking_the_last_scope_is_an_error_beside_the_scopes()
    {
        await OpenCreateAsync(await UserAsync());
        Type("token-name", "deploy bot");
        TickScope("alerts:read");
        Assert.False(IsDisabled(Button("Save")));

        TickScope("alerts:read", false);

        Assert.Equal("Choose at least one scope.", ProblemOf("token-scopes").TextContent.Trim());
        Assert.Contains("is-error", ProblemOf("token-scopes").ClassName, StringComparison.Ordinal);
        Assert.True(IsDisabled(Button("Save")));
    }

    [Fact]
    public async Task Only_the_scopes_the_person_holds_are_offered_each_named_by_its_scope_and_write_scopes_marked()
    {
        await OpenCreateAsync(await UserAsync());

        var names = Dialog.QuerySelectorAll("fieldset input[type='checkbox']")
            .Select(c => Dialog.QuerySelector($"label[for='{c.Id}']")!.TextContent.Trim());
        Assert.Equal(["alerts:read", "alerts:write", "tokens:read", "tokens:write"], names);
        Assert.Equal(2, Dialog.QuerySelectorAll(".scope-write").Length);
    }

    [Fact]
    public async Task Valid_from_earlier_today_is_in_the_past_and_valid_to_before_it_is_in_the_wrong_order()
    {
        await OpenCreateAsync(await UserAsync());
        Type("token-name", "dated");
        TickScope("alerts:read");

        // The clock says 09:00 UTC on 29 Nov 2026.
        SetDate("token-valid-from", "2026-11-29");
        SetTime("token-valid-from-time", "08:00");
        Assert.Equal("Valid from cannot be in the past.", ProblemOf("token-valid-from").TextContent.Trim());
        Assert.True(IsDisabled(Button("Save")));

        SetDate("token-valid-from", "2026-12-10");
        SetDate("token-valid-to", "2026-12-09");
        Assert.Equal("", ProblemOf("token-valid-from").TextContent.Trim());
        Assert.Equal("Valid to must be after valid from.", ProblemOf("token-valid-to").TextContent.Trim());
        Assert.True(IsDisabled(Button("Save")));

        SetDate("token-valid-to", "2027-01-10");
        Assert.Equal("", ProblemOf("token-valid-to").TextContent.Trim());
        Assert.False(IsDisabled(Button("Save")));
    }

    [Fact]
    public async Task A_day_chosen_without_a_time_starts_at_midnight_or_today_at_the_next_full_hour()
    {
        await OpenCreateAsync(await UserAsync());

        SetDate("token-valid-to", "2026-12-24");
        Assert.Equal("00:00", Dialog.QuerySelector("#token-valid-to-time")!.GetAttribute("value"));

        SetDate("token-valid-from", "2026-11-29");
        Assert.Equal("10:00", Dialog.QuerySelector("#token-valid-from-time")!.GetAttribute("value"));
        Assert.Equal("", ProblemOf("token-valid-from").TextContent.Trim());
    }

    [Fact]
    public async Task A_day_before_today_typed_into_a_date_is_not_taken()
    {
        await OpenCreateAsync(await UserAsync());
        Type("token-name", "dated");
        TickScope("alerts:read");

        SetDate("token-valid-from", "2026-11-28");

        // The picker refuses the day: the form keeps "from creation" (no time is filled in) and can be saved.
        Assert.True(string.IsNullOrEmpty(Dialog.QuerySelector("#token-valid-from-time")!.GetAttribute("value")));
        Assert.False(IsDisabled(Button("Save")));
        Button("Save").Click();
        ExpectNoDialog();
        Assert.Null(Assert.Single(_created).Token.ValidFrom);
    }

    [Fact]
    public async Task Create_hands_over_the_created_token_with_its_secret_and_closes()
    {
        var user = await UserAsync();
        await OpenCreateAsync(user);
        var guid = Dialog.QuerySelector("#token-guid")!.GetAttribute("value");
        Type("token-name", "Nightly export");
        Type("token-description", "Copies alerts to cold storage.");
        TickScope("alerts:read");
        SetDate("token-valid-to", "2027-01-31");

        Button("Save").Click();

        ExpectNoDialog();
        var created = Assert.Single(_created);
        Assert.Equal(guid, created.Token.Id.ToString("D"));
        Assert.Equal("Nightly export", created.Token.Name);
        Assert.Equal("Copies alerts to cold storage.", created.Token.Description);
        Assert.Equal(["alerts:read"], created.Token.Scopes);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), created.Token.ValidTo);
        Assert.StartsWith("adp_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(user.Id, created.Token.OwnerId);
    }

    [Fact]
    public async Task Regenerate_gives_a_new_GUID_which_the_token_is_created_with()
    {
        await OpenCreateAsync(await UserAsync());
        var first = Dialog.QuerySelector("#token-guid")!.GetAttribute("value");

        Button("Regenerate GUID").Click();

        var second = Dialog.QuerySelector("#token-guid")!.GetAttribute("value");
        Assert.NotEqual(first, second);
        Assert.True(Dialog.QuerySelector("#token-guid")!.HasAttribute("readonly"));
        Type("token-name", "regenerated");
        TickScope("tokens:read");
        Button("Save").Click();
        ExpectNoDialog();
        Assert.Equal(second, Assert.Single(_created).Token.Id.ToString("D"));
    }

    [Fact]
    public async Task A_taken_name_is_refused_beside_the_name_and_nothing_is_created()
    {
        var user = await UserAsync();
        await CreateAsync(user, "laptop script");
        await OpenCreateAsync(user);
        Type("token-name", "laptop SCRIPT");
        TickScope("tokens:read");

        Button("Save").Click();

        Host.WaitForAssertion(() => Assert.Equal("You already have a token named 'laptop SCRIPT'. Choose another name.", ProblemOf("token-name").TextContent.Trim()));
        Assert.Empty(_created);
        Assert.Equal("Create token", DialogTitle());

        // Changing the name drops the refusal.
        Type("token-name", "laptop script 2");
        Assert.Equal("", ProblemOf("token-name").TextContent.Trim());
        Assert.False(IsDisabled(Button("Save")));
    }

    [Fact]
    public async Task The_eleventh_usable_token_is_refused_in_an_alert_and_nothing_is_created()
    {
        var user = await UserAsync();
        for (var i = 1; i <= 10; i++)
        {
            await CreateAsync(user, $"Batch {i}");
        }

        await OpenCreateAsync(user);
        Type("token-name", "Batch 11");
        TickScope("tokens:read");
        Button("Save").Click();

        var alert = Host.WaitForElement("[role='dialog'] [role='alert']");
        Assert.Contains("The owner already has 10 usable tokens, the most allowed. Revoke or delete one first.", alert.TextContent, StringComparison.Ordinal);
        Assert.Empty(_created);
        Assert.Equal(10, (await Tokens.QueryAsync(user.Id, new TokenQuery())).Value!.Total);
    }

    [Fact]
    public async Task Edit_opens_the_token_pre_filled_without_regenerate_and_saves_the_changes()
    {
        var user = await UserAsync();
        var token = (await Tokens.CreateAsync(user.Id, new TokenDraft
        {
            Name = "Alert webhook", Description = "Posts alerts to the on-call channel.", Scopes = ["alerts:read", "alerts:write"],
        })).Value!.Token;
        await OpenEditAsync(user, token);

        Assert.Equal("Edit 'Alert webhook'", DialogTitle());
        Assert.Equal("Alert webhook", Dialog.QuerySelector("#token-name")!.GetAttribute("value"));
        Assert.Equal("Posts alerts to the on-call channel.", Dialog.QuerySelector("#token-description")!.TextContent);
        Assert.True(Checkbox("alerts:write").HasAttribute("checked"));
        Assert.Equal(token.Id.ToString("D"), Dialog.QuerySelector("#token-guid")!.GetAttribute("value"));
        Assert.Empty(Dialog.QuerySelectorAll("button[aria-label='Regenerate GUID']"));
        Assert.False(IsDisabled(Button("Save")));

        Type("token-name", "Alert webhook (on-call)");
        TickScope("alerts:write", false);
        Button("Save").Click();

        ExpectNoDialog();
        var saved = Assert.Single(_saved);
        Assert.Equal("Alert webhook (on-call)", saved.Name);
        Assert.Equal(["alerts:read"], saved.Scopes);
        Assert.Equal(token.Version + 1, saved.Version);
    }

    [Fact]
    public async Task A_stale_edit_shows_the_conflict_and_reload_takes_the_other_persons_change()
    {
        var user = await UserAsync();
        var token = (await CreateAsync(user, "SIEM export")).Token;
        await OpenEditAsync(user, token);
        var theirs = await Tokens.EditAsync(user.Id, token.Id, token.Version, new TokenDraft
        {
            Name = "SIEM export", Description = "Streams the audit log to the new SIEM.", Scopes = ["tokens:read"],
        });
        Assert.True(theirs.Succeeded);

        Type("token-name", "SIEM export (old)");
        Button("Save").Click();

        var alert = Host.WaitForElement("[role='dialog'] [role='alert']");
        Assert.StartsWith("Someone else changed this token after you opened it. Their change was kept", alert.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(_saved);

        Button("Reload token").Click();

        Host.WaitForAssertion(() => Assert.Empty(Dialog.QuerySelectorAll("[role='alert']")));
        Assert.Equal("SIEM export", Dialog.QuerySelector("#token-name")!.GetAttribute("value"));
        Assert.Equal("Streams the audit log to the new SIEM.", Dialog.QuerySelector("#token-description")!.TextContent);
        Type("token-name", "SIEM export (old)");
        Button("Save").Click();
        ExpectNoDialog();
        Assert.Equal(("SIEM export (old)", "Streams the audit log to the new SIEM."), (Assert.Single(_saved).Name, _saved[0].Description));
    }

    [Fact]
    public async Task Markup_in_a_name_and_description_is_shown_as_typed_and_adds_no_elements()
    {
        const string Name = "<img src=x onerror=\"alert('name')\">";
        const string Description = "<script>alert('script')</script><a href=\"javascript:alert(1)\">click</a>";
        var user = await UserAsync();
        var token = (await Tokens.CreateAsync(user.Id, new TokenDraft { Name = Name, Description = Description, Scopes = ["tokens:read"] })).Value!.Token;

        await OpenEditAsync(user, token);

        Assert.Equal($"Edit '{Name}'", DialogTitle());
        Assert.Equal(Name, Dialog.QuerySelector("#token-name")!.GetAttribute("value"));
        Assert.Equal(Description, Dialog.QuerySelector("#token-description")!.TextContent);
        Assert.Empty(Dialog.QuerySelectorAll("img, script, a[href^='javascript:']"));
    }

    [Fact]
    public async Task Cancel_closes_the_form_and_creates_nothing()
    {
        var user = await UserAsync();
        await OpenCreateAsync(user);
        Type("token-name", "never saved");
        TickScope("tokens:read");

        Button("Cancel").Click();

        ExpectNoDialog();
        Assert.Empty(_created);
        Assert.Equal(0, (await Tokens.QueryAsync(user.Id, new TokenQuery())).Value!.Total);
    }

    private async Task OpenCreateAsync(PortalUser user)
    {
        var context = await ContextAsync(user);
        await Host.InvokeAsync(() => TokenDialogs.CreateAsync(Dialogs, context, new EventCallback<CreatedToken>(null, (Action<CreatedToken>)_created.Add)));
        Host.WaitForElement("[role='dialog'] #token-name");
    }

    private async Task OpenEditAsync(PortalUser user, TokenView token)
    {
        var context = await ContextAsync(user);
        await Host.InvokeAsync(() => TokenDialogs.EditAsync(Dialogs, context, token, new EventCallback<TokenView>(null, (Action<TokenView>)_saved.Add)));
        Host.WaitForElement("[role='dialog'] #token-name");
    }

    private string DialogTitle() => Dialog.QuerySelector(".mud-dialog-title")!.TextContent.Trim();

    private IElement ProblemOf(string field) => Dialog.QuerySelector($"#{field}-problem")!;

    private IElement Checkbox(string scope) => Dialog.QuerySelector($"#scope-{scope.Replace(':', '-')}")!;

    private void Type(string id, string text) => Dialog.QuerySelector($"#{id}")!.Input(text);

    private void TickScope(string scope, bool on = true) => Checkbox(scope).Change(on);

    /// <summary>Types a day into a date picker and leaves it, as a person does.</summary>
    private void SetDate(string id, string day)
    {
        Dialog.QuerySelector($"#{id}")!.Change(day);
        Dialog.QuerySelector($"#{id}")!.Blur();
    }

    private void SetTime(string id, string time)
    {
        Dialog.QuerySelector($"#{id}")!.Change(time);
        Dialog.QuerySelector($"#{id}")!.Blur();
    }
}
