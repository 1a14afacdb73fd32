using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Service;
using MudBlazor;

namespace AdminPortal.Tests.Components.Pages.Tokens;

public sealed class TokenGridSortingTests
{
    [Theory]
    [InlineData(nameof(TokenView.Name), TokenSort.Name)]
    [InlineData(nameof(TokenView.IsActive), TokenSort.IsActive)]
    [InlineData(nameof(TokenView.ActiveFrom), TokenSort.ActiveFrom)]
    [InlineData(nameof(TokenView.EffectiveValidTo), TokenSort.Expires)]
    [InlineData(nameof(TokenView.CreatedAt), TokenSort.Created)]
    [InlineData(nameof(TokenView.LastUsedAt), TokenSort.LastUsed)]
    public void Each_sortable_column_sorts_by_its_service_sort(string property, TokenSort sort)
    {
        var state = new TokenListState().WithGridSort([Sort(property, descending: false)]);

        Assert.Equal(sort, state.Sort);
        Assert.False(state.Descending);
        Assert.Equal(SortDirection.Ascending, state.SortDirectionOf(property));
    }

    [Fact]
    public void No_sort_or_an_unknown_column_means_newest_first()
    {
        var sorted = new TokenListState { Sort = TokenSort.Name, Descending = false };

        Assert.Equal(new TokenListState(), sorted.WithGridSort([]));
        Assert.Equal(new TokenListState(), sorted.WithGridSort(null));
        Assert.Equal(new TokenListState(), sorted.WithGridSort([Sort("OwnerName", descending: false)]));
    }

    [Fact]
    public void Only_the_sorted_column_shows_a_direction()
    {
        var state = new TokenListState { Sort = TokenSort.Expires, Descending = true };

        Assert.Equal(SortDirection.Descending, state.SortDirectionOf(nameof(TokenView.EffectiveValidTo)));
        Assert.Equal(SortDirection.None, state.SortDirectionOf(nameof(TokenView.Name)));
        Assert.Equal(SortDirection.None, state.SortDirectionOf("Scopes"));
    }

    private static SortDefinition<TokenView> Sort(string property, bool descending) => new(property, descending, 0, _ => 0);
}
