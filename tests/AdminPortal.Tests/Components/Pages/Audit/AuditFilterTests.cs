using AdminPortal.Components.Pages.Audit;
using AdminPortal.Tokens.Audit;

namespace AdminPortal.Tests.Components.Pages.Audit;

public sealed class AuditFilterTests
{
    private static readonly Guid Token = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly Guid Actor = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void Address_without_a_query_is_the_unfiltered_first_page()
    {
        var (filter, problems) = AuditFilter.Parse("http://localhost/audit");

        Assert.Equal(AuditFilter.Default, filter);
        Assert.False(filter.HasFilters());
        Assert.Equal((1, AuditFilter.DefaultPageSize), (filter.Page, filter.PageSize));
        Assert.Empty(problems);
        Assert.Equal("audit", filter.ToRelativeUri());
    }

    [Fact]
    public void Every_filter_survives_the_round_trip_through_the_address()
    {
        var filter = new AuditQuery
        {
            TokenId = Token,
            ActorId = Actor,
            From = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)),
            To = new DateTimeOffset(2026, 5, 2, 8, 0, 0, TimeSpan.Zero),
            Page = 3,
            PageSize = 50,
        };

        var uri = filter.ToRelativeUri();
        var (parsed, problems) = AuditFilter.Parse("http://localhost/" + uri);

        Assert.Equal(filter, parsed);
        Assert.Empty(problems);
        Assert.Equal(
            "audit?token=3f2504e0-4f89-11d3-9a0c-0305e82c3301&actor=0f8fad5b-d9cb-469f-a165-70867728950e"
            + "&from=2026-05-01T08:00:00Z&to=2026-05-02T08:00:00Z&page=3&size=50",
            uri);
    }

    [Fact]
    public void Defaults_are_left_out_of_the_address() =>
        Assert.Equal("audit?actor=0f8fad5b-d9cb-469f-a165-70867728950e", (AuditFilter.Default with { ActorId = Actor }).ToRelativeUri());

    [Fact]
    public void Times_with_an_offset_are_read_as_the_same_instant_in_utc()
    {
        var (filter, _) = AuditFilter.Parse("audit?from=2026-05-01T10:00:00%2B02:00&to=2026-05-01T12:00");

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(TimeSpan.Zero, filter.From!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero), filter.To);
    }

    [Fact]
    public void Unreadable_filters_are_dropped_and_reported_not_silently_ignored()
    {
        var (filter, problems) = AuditFilter.Parse("audit?token=3f2504e0-4f89&actor=ada&from=yesterday&to=2026-13-01");

        Assert.False(filter.HasFilters());
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("token GUID", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("actor", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("start time", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("end time", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("page=0&size=7", 1, 25)]
    [InlineData("page=-2&size=100", 1, 100)]
    [InlineData("page=two&size=ten", 1, 25)]
    [InlineData("page=99999999999&size=10", 1, 10)]
    [InlineData("page=1000000&size=10", 1_000_000, 10)]
    [InlineData("page=%2B3", 1, 25)]
    public void Page_and_size_fall_back_to_safe_values(string query, int page, int size)
    {
        var (filter, problems) = AuditFilter.Parse("audit?" + query);

        Assert.Equal((page, size), (filter.Page, filter.PageSize));
        Assert.Empty(problems);
    }

    [Fact]
    public void Unknown_parameters_and_fragments_are_ignored()
    {
        var (filter, problems) = AuditFilter.Parse($"audit?utm=x&actor={Actor}#main");

        Assert.Equal(AuditFilter.Default with { ActorId = Actor }, filter);
        Assert.Empty(problems);
    }

    [Fact]
    public void End_before_start_is_a_range_error()
    {
        var start = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.NotNull((AuditFilter.Default with { From = start, To = start }).RangeError());
        Assert.NotNull((AuditFilter.Default with { From = start, To = start.AddMinutes(-1) }).RangeError());
        Assert.Null((AuditFilter.Default with { From = start, To = start.AddMinutes(1) }).RangeError());
        Assert.Null((AuditFilter.Default with { From = start }).RangeError());
    }

    [Fact]
    public void Changing_a_filter_starts_on_the_first_page() =>
        Assert.Equal(1, (AuditFilter.Default with { Page = 4, ActorId = Actor }).FirstPage().Page);

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("  {3F2504E0-4F89-11D3-9A0C-0305E82C3301} ")]
    [InlineData("3f2504e04f8911d39a0c0305e82c3301")]
    public void Typed_token_guid_is_read_in_any_common_form(string text)
    {
        Assert.True(AuditFilter.TryParseTokenId(text, out var tokenId, out var error));
        Assert.Equal(Token, tokenId);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_token_guid_means_any_token(string? text)
    {
        Assert.True(AuditFilter.TryParseTokenId(text, out var tokenId, out _));
        Assert.Null(tokenId);
    }

    [Fact]
    public void Part_of_a_guid_is_refused_with_an_example()
    {
        Assert.False(AuditFilter.TryParseTokenId("3f2504e0", out var tokenId, out var error));
        Assert.Null(tokenId);
        Assert.Contains("whole token GUID", error, StringComparison.Ordinal);
    }
}
