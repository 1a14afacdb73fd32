using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Cli;

/// <summary><c>users deactivate | reactivate &lt;email|subject&gt;</c>: a deactivated user's tokens are suspended at once.</summary>
internal static class UserCommands
{
    public static async Task<int> RunAsync(string verb, IEnumerable<string> rest, OperatorContext context, TextWriter output, CancellationToken ct)
    {
        var change = verb switch
        {
            "deactivate" => (Func<Guid, Guid, Task<Result<PortalUser>>>)((actor, user) => context.Users.DeactivateAsync(actor, user, ct)),
            "reactivate" => (actor, user) => context.Users.ReactivateAsync(actor, user, ct),
            _ => throw new UsageException($"Unknown command 'users {verb}'."),
        };
        var args = new CommandArguments(rest, "tenant");
        var user = await context.UserAsync(args.Single("e-mail address or subject"), args.Optional("tenant"), ct);
        var actor = await context.OperatorOfAsync(user.TenantId, ct);
        var changed = CommandFailedException.Unless(await change(actor.Id, user.Id));
        await output.WriteLineAsync(changed.IsActive
            ? $"Reactivated {changed.DisplayName} <{changed.Email}>; their tokens work again."
            : $"Deactivated {changed.DisplayName} <{changed.Email}>; their tokens are suspended.");
        return ExitCodes.Success;
    }
}
