using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenGrid
{
    private static readonly int[] PageSizes = [.. TokenListState.PageSizes];

    private MudDataGrid<TokenView>? grid;
    private int total;
    private bool totalIsLowerBound;
    private bool loaded;
    private string? error;
    private TokenListState current = null!;

    [Parameter, EditorRequired]
    public TokenPageContext Context { get; set; } = null!;

    /// <summary>The view from the URL; later changes arrive through <see cref="ShowAsync"/>.</summary>
    [Parameter, EditorRequired]
    public TokenListState InitialState { get; set; } = null!;

    /// <summary>Raised when the grid changes the sort or the page size.</summary>
    [Parameter]
    public EventCallback<TokenListState> StateChanged { get; set; }

    [Parameter]
    public EventCallback Create { get; set; }

    [Parameter]
    public EventCallback ClearFilters { get; set; }

    [Parameter]
    public EventCallback ShowAllStatuses { get; set; }

    [Parameter]
    public EventCallback<TokenView> Edit { get; set; }

    [Parameter]
    public EventCallback<(TokenAction, TokenView)> Act { get; set; }

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    // Above the service's count limit the total is a lower bound: "1,000+ matching tokens" (the pager ends there: narrower filters reach the others).
    private string CountText => !loaded ? "Loading…" : totalIsLowerBound ? $"{total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}+ matching tokens: the first {total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} are listed, narrow the filters to reach the others"
        : total == 1 ? "1 matching token" : $"{total} matching tokens";

    protected override void OnInitialized() => current = InitialState;

    /// <summary>Shows another view (new filters) from its first page.</summary>
    public async Task ShowAsync(TokenListState state)
    {
        current = state;
        if (grid is null)
        {
            return;
        }

        if (grid.CurrentPage > 0)
        {
            // Going to the first page loads it.
            grid.NavigateTo(MudBlazor.Page.First);
        }
        else
        {
            await grid.ReloadServerData();
        }
    }

    /// <summary>Reloads the current page, after a change.</summary>
    public Task RefreshAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private SortDirection InitialSort(string property) => InitialState.SortDirectionOf(property);

    private async Task<GridData<TokenView>> LoadAsync(GridState<TokenView> state, CancellationToken cancellation)
    {
        var next = current.WithGridSort(state.SortDefinitions) with
        {
            PageSize = TokenListState.PageSizes.Contains(state.PageSize) ? state.PageSize : current.PageSize,
        };
        if (!next.Equals(current))
        {
            current = next;
            await StateChanged.InvokeAsync(next);
        }

        var result = await Tokens.QueryAsync(Context.Identity.UserId, current.ToQuery(state.Page + 1, Context.Time), cancellation);
        total = result.Succeeded ? result.Value.Total : 0;
        totalIsLowerBound = result.Succeeded && result.Value.TotalIsLowerBound;
        error = result.Error?.Message;
        loaded = true;
        StateHasChanged(); // the count and the error above the grid
        return new GridData<TokenView> { Items = result.Succeeded ? result.Value.Items : [], TotalItems = total };
    }

    private string Relative(DateTimeOffset at) => BrowserTime.Relative(at, Clock.GetUtcNow());

    private string LastUsedTitle(TokenView token, DateTimeOffset used) =>
        Context.Time.FormatPrecise(used) + (token.LastUsedFrom is { Length: > 0 } from ? $" from {from}" : "");

    private async Task CopyGuidAsync(TokenView token) =>
        Snackbar.ReportCopy(await Context.Script.CopyTextAsync(token.Id.ToString("D")), $"the GUID of '{token.Name}'");
}
