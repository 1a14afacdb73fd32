using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>
/// What needs a real browser on the list itself: the filters really land in the address bar and survive a reload, the
/// light and dark themes, and the phone width, where every token becomes a card whose values carry their column's name.
/// </summary>
public sealed class TokensPageLookTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task A_filtered_view_is_in_the_address_bar_and_a_reload_shows_it_again()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, timeZone: "Asia/Tokyo");
        await tokens.Page.SetViewportSizeAsync(1400, 900);
        await Assertions.Expect(tokens.Page.GetByText("Times in Asia/Tokyo (UTC+09:00)")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(tokens.Page, "tokens-admin-light-1400");

        await tokens.Page.GetByLabel("Search by name").FillAsync("ci TERRA");
        await tokens.ExpectNamesAsync("Terraform CI");
        await tokens.ChooseAsync("Status", "Any status");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"/tokens\?name=ci%20TERRA&status=all$"));

        await tokens.Page.ReloadAsync();
        await tokens.WaitForListAsync();
        await tokens.ExpectNamesAsync("Terraform CI");
        await Assertions.Expect(tokens.Page.GetByLabel("Search by name")).ToHaveValueAsync("ci TERRA");
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" })).ToHaveValueAsync("Any status");
    }

    [Fact]
    public async Task Light_and_dark_at_desktop_width_for_an_admin_and_a_user()
    {
        await using var admin = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, dark: true);
        await admin.Page.SetViewportSizeAsync(1400, 900);
        await admin.WaitForListAsync();
        await Screenshots.SaveAsync(admin.Page, "tokens-admin-dark-1400");

        await using var user = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        await user.Page.SetViewportSizeAsync(1400, 900);
        await Screenshots.SaveAsync(user.Page, "tokens-user-light-1400");
        await using var userDark = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User, dark: true);
        await userDark.Page.SetViewportSizeAsync(1400, 900);
        await Screenshots.SaveAsync(userDark.Page, "tokens-user-dark-1400");

        // Every column fits the desktop width: nothing scrolls sideways, not even inside the grid.
        Assert.True(await admin.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 1400 px.");
        Assert.True(await admin.Page.EvaluateAsync<bool>("() => { const g = document.querySelector('.token-grid-table'); return g.scrollWidth <= g.clientWidth; }"),
            "The grid scrolls sideways at 1400 px.");
    }

    [Fact]
    public async Task At_phone_width_each_token_is_a_card_with_labelled_values_and_the_page_does_not_scroll_sideways()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, width: 390);
        await using var dark = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User, width: 390, dark: true);

        var row = tokens.Row("Terraform CI");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var cells = row.Locator("td");
        Assert.True(await cells.CountAsync() > 1);
        // A card: the cells are stacked (one below the other), each labelled by its column.
        var first = await cells.Nth(0).BoundingBoxAsync();
        var second = await cells.Nth(1).BoundingBoxAsync();
        Assert.True(second!.Y >= first!.Y + first.Height - 1, "The cells of a token are not stacked at phone width.");
        Assert.Equal("Is active", await cells.Nth(1).GetAttributeAsync("data-label"));
        Assert.True(await tokens.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 390 px.");
        Assert.True(await tokens.Page.EvaluateAsync<bool>("() => { const g = document.querySelector('.token-grid-table'); return g.scrollWidth <= g.clientWidth; }"),
            "The cards are wider than the screen at 390 px.");
        await tokens.RowAction("Terraform CI", "Revoke").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(tokens.RowAction("Terraform CI", "Revoke")).ToBeInViewportAsync();
        await tokens.Page.EvaluateAsync("() => window.scrollTo(0, 0)");

        await Screenshots.SaveAsync(tokens.Page, "tokens-admin-light-390");
        await Screenshots.SaveAsync(dark.Page, "tokens-user-dark-390");
    }
}
