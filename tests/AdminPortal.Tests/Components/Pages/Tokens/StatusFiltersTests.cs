using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tests.Components.Pages.Tokens;

public sealed class StatusFiltersTests
{
    [Fact]
    public void Every_choice_is_offered_once_with_a_label_and_a_hint()
    {
        Assert.Equal(Enum.GetValues<StatusFilter>().Order(), StatusFilters.Choices.Select(c => c.Value).Order());
        Assert.All(StatusFilters.Choices, c => Assert.False(string.IsNullOrWhiteSpace(c.Label + c.Hint)));
    }

    [Fact]
    public void Usable_is_active_or_scheduled_and_inactive_is_everything_else()
    {
        var all = Enum.GetValues<TokenValidity>();

        Assert.Equal([TokenValidity.Scheduled, TokenValidity.Valid], StatusFilter.Usable.Validities().Order());
        Assert.Equal([TokenValidity.Valid], StatusFilter.Active.Validities());
        Assert.Equal(all.Except([TokenValidity.Valid]).Order(), StatusFilter.Inactive.Validities().Order());
        Assert.Empty(StatusFilter.All.Validities());
    }

    [Theory]
    [InlineData(StatusFilter.Scheduled, TokenValidity.Scheduled)]
    [InlineData(StatusFilter.Expired, TokenValidity.Expired)]
    [InlineData(StatusFilter.Revoked, TokenValidity.Revoked)]
    [InlineData(StatusFilter.Suspended, TokenValidity.Suspended)]
    public void Single_statuses_select_themselves(StatusFilter filter, TokenValidity validity)
    {
        Assert.Equal([validity], filter.Validities());
    }
}
