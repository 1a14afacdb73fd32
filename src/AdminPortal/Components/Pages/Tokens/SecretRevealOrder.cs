namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// What happens after a create or a roll, in this order: the one-time secret is revealed, then the list is refreshed
/// behind it. The other way round, a refresh that throws (or a circuit that drops while it runs) would lose the secret,
/// and after a roll the old one is already dead. Free of any component library, so that it outlives the current UI.
/// </summary>
public static class SecretRevealOrder
{
    /// <summary>
    /// Opens the reveal (<paramref name="reveal"/> returns once it is shown, with a task that ends when it closes), then
    /// refreshes; a refresh that throws is handed to <paramref name="refreshFailed"/> once the reveal has closed (a
    /// message then does not cover the secret). The secret is dropped when the reveal closes.
    /// </summary>
    public static async Task RunAsync(OneTimeSecret secret, Func<OneTimeSecret, Task<Task>> reveal, Func<Task> refresh, Action<Exception> refreshFailed)
    {
        Task closed;
        try
        {
            closed = await reveal(secret);
        }
        catch
        {
            secret.Clear();
            throw;
        }

        Exception? failure = null;
        try
        {
            await refresh();
        }
#pragma warning disable CA1031 // Whatever broke the refresh, the secret on screen matters more; it is reported below.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        try
        {
            await closed;
        }
        finally
        {
            secret.Clear();
        }

        if (failure is not null)
        {
            refreshFailed(failure);
        }
    }
}
