using System.Globalization;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Cli;

/// <summary><c>tokens create | list | edit | revoke | restore | roll</c>.</summary>
internal static class TokenCommands
{
    /// <summary>"--owner operator": the token belongs to the tenant's built-in operator (bootstrap before anyone signs in).</summary>
    public const string OperatorOwner = "operator";

    public static Task<int> RunAsync(string verb, IEnumerable<string> rest, OperatorContext context, TextWriter output, TextWriter messages, CancellationToken ct) =>
        verb switch
        {
            "create" => CreateAsync(new CommandArguments(rest, "owner", "name", "scope", "description", "valid-from", "valid-to", "tenant"), context, output, messages, ct),
            "list" => ListAsync(new CommandArguments(rest, "tenant", "owner", "status"), context, output, ct),
            "edit" => EditAsync(new CommandArguments(rest, "name", "description", "scope", "valid-from", "valid-to"), context, output, ct),
            "revoke" => ChangeAsync(new CommandArguments(rest), context, output, "Revoked", (o, id) => context.Tokens.RevokeAsync(o, id, ct), ct),
            "restore" => ChangeAsync(new CommandArguments(rest), context, output, "Restored", (o, id) => context.Tokens.RestoreAsync(o, id, ct), ct),
            "roll" or "rotate" => RollAsync(new CommandArguments(rest, "grace"), context, output, messages, ct),
            _ => throw new UsageException($"Unknown command 'tokens {verb}'."),
        };

    /// <summary>Prints the secret alone on standard output (once, for scripts to capture); everything else on standard error.</summary>
    private static async Task<int> CreateAsync(CommandArguments args, OperatorContext context, TextWriter output, TextWriter messages, CancellationToken ct)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{args.Positional[0]}'.");
        }

        var ownerName = args.Required("owner");
        var owner = ownerName == OperatorOwner
            ? await context.OperatorOfAsync(args.Optional("tenant"), ct)
            : await context.UserAsync(ownerName, args.Optional("tenant"), ct);
        var draft = new TokenDraft
        {
            Name = args.Required("name"),
            Description = args.Optional("description"),
            Scopes = [.. args.All("scope").SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            ValidFrom = args.Instant("valid-from"),
            ValidTo = args.Instant("valid-to"),
            OwnerId = owner.Id,
        };
        var actor = await context.OperatorOfAsync(owner.TenantId, ct);
        var created = CommandFailedException.Unless(await context.Tokens.CreateAsync(actor.Id, draft, ct));
        await output.WriteLineAsync(created.Secret);
        await messages.WriteLineAsync(
            $"Created token {created.Token.Id} '{created.Token.Name}' for {created.Token.OwnerName} with scopes {string.Join(", ", created.Token.Scopes)}.");
        await messages.WriteLineAsync("The secret above is shown only this once: store it now.");
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CommandArguments args, OperatorContext context, TextWriter output, CancellationToken ct)
    {
        var tenant = await context.TenantAsync(args.Optional("tenant"), ct);
        var owner = args.Optional("owner") is { } who ? await context.UserAsync(who, tenant.Key, ct) : null;
        var status = args.Optional("status") ?? "usable";
        IReadOnlyCollection<TokenValidity> validity = status switch
        {
            "usable" => TokenQuery.UsableStatuses,
            "all" => [],
            _ => Enum.TryParse<TokenValidity>(status, ignoreCase: true, out var one) && Enum.IsDefined(one) ? [one]
                : throw new UsageException("--status must be usable, all, valid, scheduled, expired, revoked or suspended."),
        };
        var actor = await context.OperatorOfAsync(tenant.Id, ct);
        var rows = new List<TokenView>();
        for (var page = 1; ; page++)
        {
            var query = new TokenQuery { AllOfTenant = true, OwnerId = owner?.Id, Validity = validity, Sort = TokenSort.Name, Descending = false, Page = page, PageSize = TokenQuery.MaxPageSize };
            var result = CommandFailedException.Unless(await context.Tokens.QueryAsync(actor.Id, query, ct));
            rows.AddRange(result.Items);
            if (rows.Count >= result.Total || result.Items.Count == 0)
            {
                break;
            }
        }

        await TokenTable.WriteAsync(output, rows);
        return ExitCodes.Success;
    }

    /// <summary>Changes the fields given and keeps the others, under the same rules (and audit) as an edit in the portal.</summary>
    private static async Task<int> EditAsync(CommandArguments args, OperatorContext context, TextWriter output, CancellationToken ct)
    {
        var id = args.SingleGuid();
        var actor = await context.OperatorOfAsync(await context.TenantOfTokenAsync(id, ct), ct);
        var current = CommandFailedException.Unless(await context.Tokens.GetAsync(actor.Id, id, ct));
        var scopes = args.All("scope").SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var draft = new TokenDraft
        {
            Name = args.Optional("name") ?? current.Name,
            Description = args.Optional("description") ?? current.Description,
            Scopes = scopes.Count > 0 ? scopes : current.Scopes,
            ValidFrom = args.Instant("valid-from") ?? current.ValidFrom,
            ValidTo = args.Instant("valid-to") ?? current.ValidTo,
        };
        var edited = CommandFailedException.Unless(await context.Tokens.EditAsync(actor.Id, id, current.Version, draft, ct));
        await output.WriteLineAsync(edited.Version == current.Version
            ? $"Token {edited.Id} '{edited.Name}' of {edited.OwnerName} already had these values; nothing changed."
            : $"Edited token {edited.Id} '{edited.Name}' of {edited.OwnerName}; it is now {edited.Validity}.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Rolls the secret of a token the operator owns (only a token's owner may roll it) with an optional grace period for
    /// the old secret; prints the new secret alone on standard output, once, as create does.
    /// </summary>
    private static async Task<int> RollAsync(CommandArguments args, OperatorContext context, TextWriter output, TextWriter messages, CancellationToken ct)
    {
        var id = args.SingleGuid();
        var grace = TimeSpan.Zero;
        if (args.Optional("grace") is { } text && !RotationGrace.TryParse(text, out grace))
        {
            throw new UsageException("--grace must be none, a whole number of minutes, hours or days (90m, 1h, 7d) or an ISO 8601 duration (PT1H, P1D).");
        }

        var actor = await context.OperatorOfAsync(await context.TenantOfTokenAsync(id, ct), ct);
        var rolled = CommandFailedException.Unless(await context.Tokens.RollAsync(actor.Id, id, grace, ct));
        await output.WriteLineAsync(rolled.Secret);
        var old = rolled.Token.OldSecretValidUntil is { } until
            ? $"the old secret works until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC."
            : "the old secret stopped working.";
        await messages.WriteLineAsync($"Rolled the secret of token {rolled.Token.Id} '{rolled.Token.Name}'; {old}");
        await messages.WriteLineAsync("The secret above is shown only this once: store it now.");
        return ExitCodes.Success;
    }

    private static async Task<int> ChangeAsync(
        CommandArguments args, OperatorContext context, TextWriter output, string done, Func<Guid, Guid, Task<Result<TokenView>>> change, CancellationToken ct)
    {
        var id = args.SingleGuid();
        var actor = await context.OperatorOfAsync(await context.TenantOfTokenAsync(id, ct), ct);
        var token = CommandFailedException.Unless(await change(actor.Id, id));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{done} token {token.Id} '{token.Name}' of {token.OwnerName}; it is now {token.Validity}."));
        return ExitCodes.Success;
    }
}
