using AdminPortal.Tokens.Persistence;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// The frame of every audited write: a store that cannot be written (disk full, read-only) is a refusal that says so,
/// not an exception. SQLite rolls the transaction back, so the change and its audit entry are both absent.
/// </summary>
internal static class StorageGuard
{
    public static async Task<Result<T>> RunAsync<T>(Func<Task<Result<T>>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception ex) when (StorageStatus.IsUnavailable(ex))
        {
            return TokenError.StorageUnavailable();
        }
    }
}
