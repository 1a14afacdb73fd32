using MudBlazor;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>The created, expires and last-used filters: from the address to the list, and from the pickers to the address.</summary>
public sealed class TokenDateFilterTests : TokensPageTest
{
    [Fact]
    public async Task A_date_range_in_the_address_narrows_the_list_and_a_picked_range_goes_into_the_address()
    {
        var (_, user, _) = await DemoAsync();
        var expiring = await Tokens.CreateAsync(user.Id, new AdminPortal.Tokens.Service.TokenDraft
        {
            Name = "Expires at new year", Scopes = ["tokens:read"], ValidTo = new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero),
        });
        Assert.True(expiring.Succeeded);

        var cut = Open(user, "?expires=2026-12-31..2027-01-01");

        ExpectNames(cut, "Expires at new year");
        Assert.NotNull(Button(cut.Find(".token-filters-toolbar"), "Clear filters"));

        var created = cut.FindComponents<MudDateRangePicker>().Single(p => p.Instance.Label == "Created");
        await cut.InvokeAsync(() => created.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2026, 11, 29), new DateTime(2026, 11, 29))));

        cut.WaitForAssertion(() => Assert.Equal("?created=2026-11-29..2026-11-29&expires=2026-12-31..2027-01-01", Address));
        ExpectNames(cut);

        await cut.InvokeAsync(() => cut.FindComponents<MudDateRangePicker>().Single(p => p.Instance.Label == "Expires").Instance.DateRangeChanged.InvokeAsync(null));
        cut.WaitForAssertion(() => Assert.Equal("?created=2026-11-29..2026-11-29", Address));
        ExpectNames(cut, "Laptop script", "Alert webhook");
    }
}
