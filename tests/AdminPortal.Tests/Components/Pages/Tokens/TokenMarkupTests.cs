using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tests.Components.Pages.Tokens;

/// <summary>The markup of the token page's small components, rendered with HtmlRenderer.</summary>
public sealed class TokenMarkupTests
{
    private static readonly Guid Me = Guid.NewGuid();

    [Fact]
    public async Task A_status_badge_shows_its_text_and_explains_itself()
    {
        var html = await Markup.RenderAsync<TokenStatusBadge>(new() { ["Badge"] = TokenBadges.For(TokenValidity.Revoked) });

        Assert.Contains(">Revoked</span>", html, StringComparison.Ordinal);
        Assert.Contains("rz-badge-danger", html, StringComparison.Ordinal);
        Assert.Contains("title=\"Revoked: every call with it is refused.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_active_token_offers_revoke_and_roll_to_its_owner_but_no_restore()
    {
        var html = await RowActionsAsync(Token(TokenValidity.Valid, owner: Me) with { CanRoll = true });

        Assert.Contains("aria-label=\"Edit Terraform CI\"", html, StringComparison.Ordinal);
        Assert.False(IsDisabled(html, "Revoke Terraform CI"));
        Assert.False(IsDisabled(html, "Roll secret of Terraform CI"));
        Assert.DoesNotContain("Restore Terraform CI", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Delete Terraform CI\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_can_be_restored_but_not_revoked_or_rolled()
    {
        var html = await RowActionsAsync(Token(TokenValidity.Revoked, owner: Me) with { RevokedAt = DateTimeOffset.UnixEpoch, CanRestore = true });

        Assert.True(IsDisabled(html, "Revoke Terraform CI"));
        Assert.True(IsDisabled(html, "Roll secret of Terraform CI"));
        Assert.False(IsDisabled(html, "Restore Terraform CI"));
    }

    [Fact]
    public async Task An_expired_token_cannot_be_restored()
    {
        var html = await RowActionsAsync(Token(TokenValidity.Expired, owner: Me));

        Assert.True(IsDisabled(html, "Revoke Terraform CI"));
        Assert.DoesNotContain("Restore Terraform CI", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roll_refused_by_the_service_is_disabled_and_says_the_services_reason()
    {
        var html = await RowActionsAsync(Token(TokenValidity.Valid, owner: Guid.NewGuid()) with
        {
            CanRoll = false, RollRefusal = "Only the token's owner can roll its secret; revoke it instead.",
        });

        Assert.True(IsDisabled(html, "Roll secret of Terraform CI"));
        Assert.Contains("owner can roll its secret; revoke it instead.\"", html, StringComparison.Ordinal);
        Assert.False(IsDisabled(html, "Revoke Terraform CI"));
    }

    [Fact]
    public async Task The_scope_picker_names_each_checkbox_by_its_scope_and_marks_write_scopes()
    {
        var catalog = new ScopeCatalog(new TokenOptions());
        var html = await Markup.RenderAsync<TokenScopePicker>(new()
        {
            ["Scopes"] = catalog.All, ["Selected"] = new[] { "tokens:write" }, ["DescribedBy"] = "problem",
        });

        Assert.Matches("<legend[^>]*>Scopes</legend>", html);
        Assert.Matches("<label for=\"scope-tokens-write\"[^>]*>tokens:write</label>", html);
        Assert.Matches("id=\"scope-tokens-write\"[^>]*checked", html);
        Assert.DoesNotMatch("id=\"scope-tokens-read\"[^>]*checked", html);
        Assert.Equal(2, html.Split("can change data").Length - 1);
    }

    [Fact]
    public async Task The_empty_list_says_what_to_do()
    {
        var empty = await Markup.RenderAsync<TokenEmptyState>(new() { ["State"] = TokenListState.Default(false) });
        var filtered = await Markup.RenderAsync<TokenEmptyState>(new() { ["State"] = new TokenListState { Name = "nothing" } });

        Assert.Contains("You have no usable tokens.", empty, StringComparison.Ordinal);
        Assert.Contains("Create token", empty, StringComparison.Ordinal);
        Assert.Contains("Show all statuses", empty, StringComparison.Ordinal);
        Assert.Contains("No tokens match these filters.", filtered, StringComparison.Ordinal);
        Assert.Contains("Clear filters", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_problem_is_a_quiet_hint_until_the_field_is_touched()
    {
        var problem = new TokenError(TokenErrorCode.Invalid, "Name is required.", "Name");

        var hint = await Markup.RenderAsync<FieldProblem>(new() { ["Id"] = "p", ["Problem"] = problem, ["Touched"] = false });
        var error = await Markup.RenderAsync<FieldProblem>(new() { ["Id"] = "p", ["Problem"] = problem, ["Touched"] = true });

        Assert.Contains("is-hint", hint, StringComparison.Ordinal);
        Assert.Contains("is-error", error, StringComparison.Ordinal);
        Assert.Contains("Name is required.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_cell_shows_day_and_time_in_the_browser_zone_with_the_exact_time_in_the_tooltip()
    {
        var html = await Markup.RenderAsync<TokenDateCell>(new()
        {
            ["Time"] = new BrowserTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")), ["At"] = new DateTimeOffset(2026, 11, 29, 13, 5, 9, TimeSpan.Zero), ["Note"] = "revoked",
        });
        var never = await Markup.RenderAsync<TokenDateCell>(new() { ["Time"] = BrowserTime.Utc, ["At"] = null, ["Missing"] = "Never" });

        Assert.Contains("title=\"29 Nov 2026, 14:05:09 Europe/Berlin (UTC+01:00)\"", html, StringComparison.Ordinal);
        Assert.Contains(">29 Nov 2026</span>", html, StringComparison.Ordinal);
        Assert.Contains("14:05 · revoked", html, StringComparison.Ordinal);
        Assert.Contains(">Never</span>", never, StringComparison.Ordinal);
    }

    private static Task<string> RowActionsAsync(TokenView token) =>
        Markup.RenderAsync<TokenRowActions>(new() { ["Token"] = token });

    /// <summary>Whether the button with this accessible name is rendered disabled.</summary>
    private static bool IsDisabled(string html, string label)
    {
        var start = html.LastIndexOf("<button", html.IndexOf($"aria-label=\"{label}\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var tag = html[start..html.IndexOf('>', start)];
        return tag.Contains(" disabled", StringComparison.Ordinal);
    }

    private static TokenView Token(TokenValidity validity, Guid owner) => new()
    {
        Id = Guid.NewGuid(), Name = "Terraform CI", Description = "", Scopes = ["tokens:read"], OwnerId = owner, OwnerName = "Ada Admin",
        TenantId = Guid.NewGuid(), CreatedById = owner, CreatedAt = DateTimeOffset.UnixEpoch, Validity = validity,
        Usage = TokenUsage.Generated, Version = 1,
    };
}
