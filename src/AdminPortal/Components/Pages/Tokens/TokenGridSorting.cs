using AdminPortal.Tokens.Service;
using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>Translates between the grid's sortable columns (named by <see cref="TokenView"/> property) and <see cref="TokenSort"/>.</summary>
public static class TokenGridSorting
{
    private static readonly Dictionary<string, TokenSort> SortOfProperty = new(StringComparer.Ordinal)
    {
        [nameof(TokenView.Name)] = TokenSort.Name,
        [nameof(TokenView.IsActive)] = TokenSort.IsActive,
        [nameof(TokenView.ActiveFrom)] = TokenSort.ActiveFrom,
        [nameof(TokenView.EffectiveValidTo)] = TokenSort.Expires,
        [nameof(TokenView.CreatedAt)] = TokenSort.Created,
        [nameof(TokenView.LastUsedAt)] = TokenSort.LastUsed,
    };

    /// <summary>The state with the sort the grid asks for; the default sort (newest first) when it asks for none.</summary>
    public static TokenListState WithGridSort(this TokenListState state, IEnumerable<SortDefinition<TokenView>>? sorts)
    {
        foreach (var sort in sorts ?? [])
        {
            if (sort.SortBy is { } property && SortOfProperty.TryGetValue(property, out var column))
            {
                return state with { Sort = column, Descending = sort.Descending };
            }
        }

        return state with { Sort = TokenSort.Created, Descending = true };
    }

    /// <summary>The sort direction the column of <paramref name="property"/> starts with.</summary>
    public static SortDirection SortDirectionOf(this TokenListState state, string property) =>
        SortOfProperty.TryGetValue(property, out var column) && column == state.Sort
            ? state.Descending ? SortDirection.Descending : SortDirection.Ascending
            : SortDirection.None;
}
