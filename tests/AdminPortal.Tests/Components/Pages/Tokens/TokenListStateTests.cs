using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tests.Components.Pages.Tokens;

public sealed class TokenListStateTests
{
    private static readonly Guid Owner = Guid.Parse("3fa85f64-5717-4562-b3fc-2c963f66afa6");

    [Fact]
    public void Plain_address_is_the_default_view_of_usable_tokens_newest_first()
    {
        var state = TokenListState.Parse("", isFullAdmin: false);

        Assert.Equal(TokenListState.Default(false), state);
        Assert.Equal(StatusFilter.Usable, state.Status);
        Assert.Equal(TokenSort.Created, state.Sort);
        Assert.True(state.Descending);
        Assert.Equal(25, state.PageSize);
        Assert.False(state.IsFiltered);
        Assert.Equal("", state.ToQueryString(isFullAdmin: false));
    }

    [Fact]
    public void Full_admins_see_all_tokens_of_the_tenant_by_default_and_can_ask_for_their_own()
    {
        Assert.True(TokenListState.Parse(null, isFullAdmin: true).AllOfTenant);
        Assert.False(TokenListState.Parse("?view=mine", isFullAdmin: true).AllOfTenant);
        Assert.Equal("?view=mine", (TokenListState.Default(true) with { AllOfTenant = false }).ToQueryString(true));
    }

    [Fact]
    public void Others_cannot_ask_for_all_tokens_or_an_owner_through_the_address()
    {
        var state = TokenListState.Parse($"?view=all&owner={Owner}", isFullAdmin: false);

        Assert.False(state.AllOfTenant);
        Assert.Null(state.OwnerId);
        Assert.False(state.ToQuery(1).AllOfTenant);
        Assert.Null(state.ToQuery(1).OwnerId);
    }

    [Fact]
    public void Every_filter_survives_the_round_trip_through_the_address()
    {
        var state = new TokenListState
        {
            Name = "deploy ci",
            GuidPrefix = "3fa85f64",
            Scopes = ["audit:read", "tokens:write"],
            Status = StatusFilter.Revoked,
            Usage = TokenUsage.Inactive,
            Created = new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)),
            Expires = new DayRange(null, new DateOnly(2027, 1, 1)),
            LastUsed = new DayRange(new DateOnly(2026, 12, 1), null),
            AllOfTenant = true,
            OwnerId = Owner,
            Sort = TokenSort.LastUsed,
            Descending = false,
            PageSize = 50,
        };

        var query = state.ToQueryString(isFullAdmin: true);

        Assert.Equal(
            "?name=deploy%20ci&guid=3fa85f64&scope=audit%3Aread&scope=tokens%3Awrite&status=revoked&usage=inactive"
            + "&created=2026-11-01..2026-11-30&expires=..2027-01-01&lastused=2026-12-01.."
            + $"&owner={Owner}&sort=lastused&dir=asc&size=50",
            query);
        Assert.Equal(state, TokenListState.Parse(query, isFullAdmin: true));
    }

    [Theory]
    [InlineData("?status=bogus&usage=never&sort=secret&size=7")]
    [InlineData("?status=5&usage=1&sort=2&size=-10")]
    [InlineData("?owner=not-a-guid&status=&size=")]
    [InlineData("?created=2026-11-30..2026-11-01&expires=tomorrow&lastused=2026-13-01..")]
    public void Unknown_values_fall_back_to_the_default(string query)
    {
        Assert.Equal(TokenListState.Default(true), TokenListState.Parse(query, isFullAdmin: true));
    }

    [Fact]
    public void Days_become_instants_from_the_first_days_midnight_to_the_midnight_after_the_last_in_the_browsers_zone()
    {
        var berlin = new AdminPortal.Components.Pages.Tokens.BrowserTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var state = TokenListState.Parse("?created=2026-11-01..2026-11-30&lastused=..2026-07-01", isFullAdmin: false);

        var query = state.ToQuery(1, berlin);

        Assert.Equal(new AdminPortal.Tokens.Service.InstantRange(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)), query.Created);
        Assert.Equal(new AdminPortal.Tokens.Service.InstantRange(null, new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero)), query.LastUsed);
        Assert.False(query.Expires.IsSet);
        Assert.True(state.IsFiltered);
        Assert.False(state.ClearFilters().IsFiltered);
    }

    [Fact]
    public void Names_are_read_ignoring_case_and_text_is_trimmed_and_bounded()
    {
        var state = TokenListState.Parse($"?STATUS=Expired&usage=GENERATED&sort=IsActive&dir=ASC&name=%20%20ci%20&guid={new string('a', 300)}", false);

        Assert.Equal(StatusFilter.Expired, state.Status);
        Assert.Equal(TokenUsage.Generated, state.Usage);
        Assert.Equal(TokenSort.IsActive, state.Sort);
        Assert.False(state.Descending);
        Assert.Equal("ci", state.Name);
        Assert.Equal(200, state.GuidPrefix.Length);
    }

    [Fact]
    public void Scopes_are_distinct_and_ordered_so_equal_views_compare_equal()
    {
        var a = TokenListState.Parse("?scope=tokens:write&scope=audit:read&scope=tokens:write&scope=", false);
        var b = TokenListState.Parse("?scope=audit:read&scope=tokens:write", false);

        Assert.Equal(["audit:read", "tokens:write"], a.Scopes);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Scopes = ["audit:read"] });
    }

    [Fact]
    public void The_query_asks_the_service_for_the_chosen_page_and_filters()
    {
        var state = new TokenListState
        {
            Name = "ci", GuidPrefix = "3fa8", Scopes = ["audit:read"], Status = StatusFilter.Inactive, Usage = TokenUsage.Active,
            AllOfTenant = true, OwnerId = Owner, Sort = TokenSort.Name, Descending = false, PageSize = 10,
        };

        var query = state.ToQuery(3);

        Assert.Equal("ci", query.Name);
        Assert.Equal("3fa8", query.GuidPrefix);
        Assert.Equal(["audit:read"], query.Scopes);
        Assert.Equal([TokenValidity.Scheduled, TokenValidity.Expired, TokenValidity.Revoked, TokenValidity.Suspended], query.Validity);
        Assert.Equal([TokenUsage.Active], query.Usage);
        Assert.True(query.AllOfTenant);
        Assert.Equal(Owner, query.OwnerId);
        Assert.Equal(TokenSort.Name, query.Sort);
        Assert.False(query.Descending);
        Assert.Equal(3, query.Page);
        Assert.Equal(10, query.PageSize);
    }

    [Fact]
    public void The_default_query_lists_usable_tokens_of_any_usage_and_leaves_empty_text_out()
    {
        var query = TokenListState.Default(false).ToQuery(0);

        Assert.Null(query.Name);
        Assert.Null(query.GuidPrefix);
        Assert.Empty(query.Scopes);
        Assert.Equal(TokenQuery.UsableStatuses, query.Validity);
        Assert.Empty(query.Usage);
        Assert.Equal(1, query.Page);
    }

    [Fact]
    public void The_owner_filter_applies_to_the_all_tokens_view_only()
    {
        var mine = new TokenListState { AllOfTenant = false, OwnerId = Owner };

        Assert.Null(mine.ToQuery(1).OwnerId);
        Assert.DoesNotContain("owner", mine.ToQueryString(true), StringComparison.Ordinal);
    }

    [Fact]
    public void Clearing_filters_keeps_the_sort_the_page_size_and_the_view()
    {
        var state = TokenListState.Parse($"?name=ci&status=all&usage=active&owner={Owner}&sort=name&dir=asc&size=100", true);

        Assert.True(state.IsFiltered);
        var cleared = state.ClearFilters();

        Assert.False(cleared.IsFiltered);
        Assert.Equal("?sort=name&dir=asc&size=100", cleared.ToQueryString(true));
        Assert.True(cleared.AllOfTenant);
    }
}
