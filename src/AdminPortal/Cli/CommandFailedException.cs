using AdminPortal.Tokens.Service;

namespace AdminPortal.Cli;

/// <summary>A command that was understood but could not be done (not found, refused by a rule): exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message)
{
    /// <summary>The value of a domain result, or the failure with the service's own message.</summary>
    public static T Unless<T>(Result<T> result) => result.Succeeded ? result.Value : throw new CommandFailedException(result.Error.Message);
}
