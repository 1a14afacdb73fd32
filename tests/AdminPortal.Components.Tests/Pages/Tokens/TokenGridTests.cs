using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>The grid: sorting and paging in the database, kept in the address, and the row actions the token service offers.</summary>
public sealed class TokenGridTests : TokensPageTest
{
    [Fact]
    public async Task Names_sort_A_to_Z_first_then_flip_and_the_sort_goes_in_the_address()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin, "?status=all");

        ClickHeader(cut, "Name");
        ExpectNames(cut, "Alert webhook", "Audit dashboard", "Laptop script", "Old deploy key", "Quarterly access review", "SIEM export", "Terraform CI");
        Assert.Equal("?status=all&sort=name&dir=asc", Address);
        Assert.Equal("ascending", Header(cut, "Name")!.GetAttribute("aria-sort"));

        ClickHeader(cut, "Name");
        ExpectNames(cut, "Terraform CI", "SIEM export", "Quarterly access review", "Old deploy key", "Laptop script", "Audit dashboard", "Alert webhook");
        Assert.Equal("?status=all&sort=name&dir=desc", Address);
    }

    [Fact]
    public async Task Is_active_sorts_the_active_tokens_first_on_the_first_click()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin, "?status=all");

        ClickHeader(cut, "Is active");

        ExpectNames(cut, "Alert webhook", "Audit dashboard", "Laptop script", "SIEM export", "Terraform CI", "Old deploy key", "Quarterly access review");
        Assert.Equal("?status=all&sort=isactive&dir=desc", Address);
        Assert.Equal("descending", Header(cut, "Is active")!.GetAttribute("aria-sort"));
        Assert.Null(Header(cut, "Created")!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task A_sort_from_the_address_is_shown_on_its_column()
    {
        var (admin, _, _) = await DemoAsync();

        var cut = Open(admin, "?status=all&sort=isactive&dir=asc");

        ExpectNames(cut, "Old deploy key", "Quarterly access review", "Alert webhook", "Audit dashboard", "Laptop script", "SIEM export", "Terraform CI");
        Assert.Equal("ascending", Header(cut, "Is active")!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Pages_hold_the_chosen_page_size_and_a_new_filter_starts_again_from_the_first_page()
    {
        var (admin, user, _) = await DemoAsync();
        for (var i = 1; i <= 5; i++)
        {
            await CreateAsync(user, $"Batch {i}", "tokens:read");
        }

        var cut = Open(admin, "?size=10&status=all&sort=name&dir=asc");

        Assert.Equal("12 matching tokens", Count(cut));
        Assert.Equal(10, Names(cut).Length);
        Assert.Equal("1-10 of 12", cut.FindAll(".mud-table-pagination-caption")[^1].TextContent.Trim());
        Button(cut, "Next page")!.Click();
        ExpectNames(cut, "SIEM export", "Terraform CI");

        Choose(cut, "Owner", "Ada Admin");

        ExpectNames(cut, "Old deploy key", "Quarterly access review", "SIEM export", "Terraform CI");
        Assert.Equal("1-4 of 4", cut.FindAll(".mud-table-pagination-caption")[^1].TextContent.Trim());
    }

    [Fact]
    public async Task The_page_size_is_one_of_10_25_50_100_and_goes_in_the_address()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin, "?size=10&status=all");

        cut.Find(".mud-table-pagination-select").MouseDown();
        cut.WaitForAssertion(() => Assert.Equal(["10", "25", "50", "100"], cut.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
        cut.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "50").Click();

        cut.WaitForAssertion(() => Assert.Equal("?status=all&size=50", Address));
    }

    [Fact]
    public async Task An_admin_may_revoke_and_delete_another_persons_token_but_only_its_owner_may_roll_it_as_the_service_says()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        var laptop = Row(cut, "Laptop script");
        var roll = Button(laptop, "Roll secret of Laptop script")!;
        Assert.True(roll.HasAttribute("disabled"));
        Assert.Contains("owner", roll.ParentElement!.GetAttribute("title"), StringComparison.OrdinalIgnoreCase);
        Assert.False(Button(laptop, "Revoke Laptop script")!.HasAttribute("disabled"));
        Assert.NotNull(Button(laptop, "Edit Laptop script"));
        Assert.NotNull(Button(laptop, "Delete Laptop script"));
        Assert.Null(Button(laptop, "Restore Laptop script"));

        var own = Row(cut, "Terraform CI");
        Assert.False(Button(own, "Roll secret of Terraform CI")!.HasAttribute("disabled"));
        Assert.Equal("Roll secret", Button(own, "Roll secret of Terraform CI")!.ParentElement!.GetAttribute("title"));
    }

    [Fact]
    public async Task A_revoked_token_offers_restore_but_not_revoke_or_roll_and_an_expired_one_offers_neither()
    {
        var user = await UserAsync(Role.User, name: "Uma User");
        var revoked = await CreateAsync(user, "Revoked one", "tokens:read");
        Assert.True((await Tokens.RevokeAsync(user.Id, revoked.Token.Id)).Succeeded);
        var expiring = await Tokens.CreateAsync(user.Id, new() { Name = "Expired one", Scopes = ["tokens:read"], ValidTo = Clock.GetUtcNow().AddDays(1) });
        Assert.True(expiring.Succeeded);
        Clock.Advance(TimeSpan.FromDays(2));

        var cut = Open(user, "?status=inactive");

        var row = Row(cut, "Revoked one");
        Assert.False(Button(row, "Restore Revoked one")!.HasAttribute("disabled"));
        Assert.True(Button(row, "Revoke Revoked one")!.HasAttribute("disabled"));
        Assert.True(Button(row, "Roll secret of Revoked one")!.HasAttribute("disabled"));
        Assert.Contains("revoked", row.TextContent, StringComparison.Ordinal);

        var expired = Row(cut, "Expired one");
        Assert.Contains("Expired", expired.TextContent, StringComparison.Ordinal);
        Assert.Null(Button(expired, "Restore Expired one"));
        Assert.True(Button(expired, "Revoke Expired one")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Copying_a_GUID_copies_the_whole_GUID_and_says_so()
    {
        var (_, user, _) = await DemoAsync();
        var cut = Open(user);
        var guid = Row(cut, "Laptop script").QuerySelector("[data-guid]")!.GetAttribute("data-guid");

        Button(Row(cut, "Laptop script"), "Copy GUID of Laptop script")!.Click();

        Assert.Equal(guid, Script.VerifyInvoke("copyText").Arguments[0]);
        cut.WaitForAssertion(() => Assert.Contains("Copied the GUID of 'Laptop script'.", cut.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_than_a_thousand_matches_show_as_a_lower_bound_that_says_how_to_reach_the_others()
    {
        var admin = await UserAsync(Role.FullAdmin);
        await CreateAsync(admin, "template");
        var factory = Services.GetRequiredService<IDbContextFactory<TokenDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            // 1,000 more tokens, copies of the first with their own ids, names and hashes.
            await db.Database.ExecuteSqlRawAsync(AdminPortal.Testing.TokenCopies.Sqlite(1_000), Xunit.TestContext.Current.CancellationToken);
        }

        var cut = Open(admin, "?view=all");
        cut.WaitForAssertion(() => Assert.Equal("1,000+ matching tokens: the first 1,000 are listed, narrow the filters to reach the others", Count(cut)));

        Assert.Equal(25, Names(cut).Length);
    }

    [Fact]
    public async Task A_token_rolled_with_a_grace_period_says_until_when_its_old_secret_works()
    {
        var user = await UserAsync(Role.User, name: "Uma User");
        var rolled = await CreateAsync(user, "Terraform CI", "tokens:read");
        await CreateAsync(user, "Laptop script", "tokens:read");
        Assert.True((await Tokens.RollAsync(user.Id, rolled.Token.Id, TimeSpan.FromHours(1), Xunit.TestContext.Current.CancellationToken)).Succeeded);

        var cut = Open(user);

        // An hour after the roll, in the browser's zone (the tests' browser is in Europe/Berlin, an hour ahead of UTC in November).
        cut.WaitForAssertion(() => Assert.Equal("Old secret valid until 29 Nov 2026, 11:00",
            Row(cut, "Terraform CI").QuerySelector(".token-old-secret")!.TextContent.Trim()));
        Assert.Null(Row(cut, "Laptop script").QuerySelector(".token-old-secret"));
    }
}
