using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenGrid
{
    /// <summary>Clicking a sorted column flips its direction; there is always a sort, so paging is stable. Names start A-Z.</summary>
    private static readonly SortOrder?[] SortCycle = [SortOrder.Ascending, SortOrder.Descending];

    /// <summary>Dates start with the latest and "Is active" with the active tokens: what people look for first.</summary>
    private static readonly SortOrder?[] LatestFirst = [SortOrder.Descending, SortOrder.Ascending];

    private RadzenDataGrid<TokenView>? grid;
    private IReadOnlyList<TokenView>? items; // null until the first load: the grid loads on its first render only then
    private int total;
    private bool loading;
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
    private NotificationService Notifications { get; set; } = null!;

    private string CountText => !loaded ? "Loading…" : total == 1 ? "1 matching token" : $"{total} matching tokens";

    protected override void OnInitialized() => current = InitialState;

    /// <summary>Shows another view (new filters) from its first page.</summary>
    public async Task ShowAsync(TokenListState state)
    {
        current = state;
        if (grid is not null && grid.CurrentPage > 0)
        {
            await grid.FirstPage(true);
        }
        else
        {
            await RefreshAsync();
        }
    }

    /// <summary>Reloads the current page, after a change.</summary>
    public Task RefreshAsync() => grid?.Reload() ?? Task.CompletedTask;

    private SortOrder? InitialSort(string property) => InitialState.SortOrderOf(property);

    private async Task LoadAsync(LoadDataArgs args)
    {
        var next = current.WithGridSort(args.Sorts) with
        {
            PageSize = args.Top is { } top && TokenListState.PageSizes.Contains(top) ? top : current.PageSize,
        };
        if (!next.Equals(current))
        {
            current = next;
            await StateChanged.InvokeAsync(next);
        }

        loading = true;
        var page = ((args.Skip ?? 0) / current.PageSize) + 1;
        var result = await Tokens.QueryAsync(Context.Identity.UserId, current.ToQuery(page));
        items = result.Succeeded ? result.Value.Items : [];
        total = result.Succeeded ? result.Value.Total : 0;
        error = result.Error?.Message;
        loading = false;
        loaded = true;
    }

    private string Relative(DateTimeOffset at) => BrowserTime.Relative(at, Clock.GetUtcNow());

    private string LastUsedTitle(TokenView token, DateTimeOffset used) =>
        Context.Time.FormatPrecise(used) + (token.LastUsedFrom is { Length: > 0 } from ? $" from {from}" : "");

    private async Task CopyGuidAsync(TokenView token) =>
        Notifications.NotifyCopied(await Context.Script.CopyTextAsync(token.Id.ToString("D")), $"the GUID of '{token.Name}'");
}
