using AdminPortal.Tokens.Model;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenFilterBar
{
    /// <summary>Typing waits this long for the next key before the list reloads.</summary>
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(300);

    private static readonly IReadOnlyList<Choice<StatusFilter>> StatusChoices =
        [.. StatusFilters.Choices.Select(c => new Choice<StatusFilter>(c.Value, c.Label, c.Hint))];

    private CancellationTokenSource? typing;
    private string name = "";
    private string guid = "";
    private TokenListState? shown;

    [Parameter, EditorRequired]
    public TokenPageContext Context { get; set; } = null!;

    [Parameter, EditorRequired]
    public TokenListState State { get; set; } = null!;

    [Parameter]
    public EventCallback<TokenListState> StateChanged { get; set; }

    private IReadOnlyList<Choice<TokenUsage?>> UsageChoices =>
        [.. Enum.GetValues<TokenUsage>().Select(u => new Choice<TokenUsage?>(u, u.ToString(), TokenBadges.For(u, Context.UsageWindow).Meaning))];

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
            await Task.Delay(TypingPause, pause.Token);
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

    /// <summary>An option of a filter: its value, its label, and a line that says what it selects.</summary>
    private sealed record Choice<T>(T Value, string Label, string Hint);
}
