using Microsoft.AspNetCore.Components;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenFilterBar
{
    /// <summary>Typing waits this long for the next key before the list reloads.</summary>
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(300);

    private CancellationTokenSource? typing;
    private string name = "";
    private string guid = "";
    private TokenListState? shown;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Parameter, EditorRequired]
    public TokenPageContext Context { get; set; } = null!;

    [Parameter, EditorRequired]
    public TokenListState State { get; set; } = null!;

    [Parameter]
    public EventCallback<TokenListState> StateChanged { get; set; }

    /// <summary>The picker's value for a range of days (an open end shows empty).</summary>
    private static MudBlazor.DateRange? Picked(DayRange days) =>
        days.IsSet ? new MudBlazor.DateRange(days.From?.ToDateTime(TimeOnly.MinValue), days.To?.ToDateTime(TimeOnly.MinValue)) : null;

    /// <summary>The days a picker chose, both included.</summary>
    private static DayRange Days(MudBlazor.DateRange? range) =>
        new(range?.Start is { } start ? DateOnly.FromDateTime(start) : null, range?.End is { } end ? DateOnly.FromDateTime(end) : null);

    private static string StatusLabel(StatusFilter status) => StatusFilters.Choices.First(c => c.Value == status).Label;

    private string OwnerName(Guid? id) => id is { } owner ? Context.Owners.FirstOrDefault(o => o.Id == owner)?.DisplayName ?? "" : "";

    private Task ScopesChanged(IEnumerable<string>? scopes) => ApplyAsync(State with { Scopes = [.. (scopes ?? []).Order(StringComparer.Ordinal)] });

    protected override void OnParametersSet()
    {
        // The text boxes follow the state unless the user is typing into them.
        if (!ReferenceEquals(shown, State) && typing is null)
        {
            name = State.Name;
            guid = State.GuidPrefix;
        }

        shown = State;
    }

    private async Task Type(string nameText, string guidText)
    {
        name = nameText;
        guid = guidText;
        typing?.Cancel();
        typing?.Dispose();
        var pause = typing = new CancellationTokenSource();
        try
        {
            await Task.Delay(TypingPause, Clock, pause.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        typing = null;
        pause.Dispose();
        await ApplyAsync(State with { Name = name.Trim(), GuidPrefix = guid.Trim() });
    }

    private Task ApplyAsync(TokenListState next) => next.Equals(State) ? Task.CompletedTask : StateChanged.InvokeAsync(next);

    public void Dispose()
    {
        typing?.Cancel();
        typing?.Dispose();
    }
}
