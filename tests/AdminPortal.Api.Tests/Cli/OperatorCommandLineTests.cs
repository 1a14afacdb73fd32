using AdminPortal.Api.Tests.Api;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Cli;

/// <summary>
/// The operators' commands against the database of a running portal (its SQLite file, or its PostgreSQL database): through the executable's own entry in this
/// process (its own services and connections, like a separate process), and once as the real executable for what only
/// a process shows (the secret alone on its standard output, everything else on standard error).
/// </summary>
public sealed class OperatorCommandLineTests(ApiHost shared) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Tokens_create_prints_the_secret_alone_on_stdout_and_the_token_works_at_once()
    {
        await using var host = ApiHost.WithSettings();
        var owner = await host.UserAsync(name: "Robot");

        var (exit, output, messages) = await PortalCommand.RunProcessAsync(host,
            "tokens", "create", "--owner", owner.Email.ToUpperInvariant(), "--name", "deploy", "--scope", "tokens:read,alerts:read", "--description", "from CI");

        Assert.Equal(0, exit);
        var secret = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("adp_", secret, StringComparison.Ordinal);
        Assert.Contains("'deploy' for Robot", messages, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, messages, StringComparison.Ordinal);
        var me = await (await host.Client(secret).GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal(owner.Id.ToString(), me.Text("ownerId"));
        var audit = (await host.Audit.QueryAsync(owner.Id, new AdminPortal.Tokens.Audit.AuditQuery())).Value!.Items.Single();
        Assert.Equal(("Operator (command line)", AuditAction.TokenCreated), (audit.ActorName, audit.Action));
    }

    [Fact]
    public async Task Tokens_edit_changes_only_the_fields_given_and_is_audited_as_the_operator()
    {
        var host = shared;
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, new AdminPortal.Tokens.Service.TokenDraft { Name = "nightly", Description = "old", Scopes = ["tokens:read", "alerts:read"] });

        var (exit, output, messages) = await PortalCommand.RunAsync(host, "tokens", "edit", token.Token.Id.ToString(), "--description", "runs at 02:00");
        var again = await PortalCommand.RunAsync(host, "tokens", "edit", token.Token.Id.ToString(), "--description", "runs at 02:00");

        Assert.True(exit == 0, messages);
        Assert.Contains("Edited token", output, StringComparison.Ordinal);
        Assert.Contains("nothing changed", again.Output, StringComparison.Ordinal);
        var edited = (await host.Tokens.GetAsync(owner.Id, token.Token.Id)).Value!;
        Assert.Equal(("nightly", "runs at 02:00", 2), (edited.Name, edited.Description, edited.Scopes.Count));
        var audit = (await host.Audit.QueryAsync(owner.Id, new AdminPortal.Tokens.Audit.AuditQuery())).Value!.Items;
        Assert.Single(audit, a => a.Action == AuditAction.TokenEdited && a.TokenId == token.Token.Id && a.ActorName == "Operator (command line)");
    }

    [Fact]
    public async Task Tokens_create_for_the_operator_bootstraps_an_empty_installation()
    {
        // A host that is never started: only its (empty) database is used.
        await using var empty = new ApiHost();

        var (exit, output, _) = await PortalCommand.RunAsync(empty, "tokens", "create", "--owner", "operator", "--tenant", "contoso", "--name", "first", "--scope", "tokens:write");
        var listed = await PortalCommand.RunAsync(empty, "tokens", "list");

        Assert.Equal(0, exit);
        Assert.StartsWith("adp_", output, StringComparison.Ordinal);
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"first\s+Operator \(command line\)\s+tokens:write\s+Valid", listed.Output);
    }

    [Theory]
    [InlineData(1, "No user", "tokens", "create", "--owner", "nobody@nowhere.example", "--name", "x", "--scope", "tokens:read")]
    [InlineData(1, "cannot grant 'audit:read'", "tokens", "create", "--owner", "{owner}", "--name", "x", "--scope", "audit:read")]
    [InlineData(1, "Choose at least one scope", "tokens", "create", "--owner", "{owner}", "--name", "x")]
    [InlineData(2, "'--name' is required", "tokens", "create", "--owner", "{owner}", "--scope", "tokens:read")]
    [InlineData(2, "Unknown option '--colour'", "tokens", "create", "--owner", "{owner}", "--name", "x", "--colour", "red")]
    [InlineData(2, "ISO 8601", "tokens", "create", "--owner", "{owner}", "--name", "x", "--scope", "tokens:read", "--valid-to", "next week")]
    [InlineData(2, "'--tenant' needs a value", "tokens", "list", "--tenant")]
    [InlineData(1, "No tenant has the key", "tokens", "list", "--tenant", "nope")]
    [InlineData(2, "not a token GUID", "tokens", "revoke", "12345")]
    [InlineData(1, "No token has the GUID", "tokens", "revoke", "7d4f6f7e-0b5c-4d53-9c45-0ad1a1c0e0f1")]
    [InlineData(2, "Unknown command 'tokens frob'", "tokens", "frob")]
    [InlineData(2, "Usage:", "users")]
    [InlineData(2, "Give exactly one e-mail address or subject", "users", "deactivate")]
    public async Task Refused_or_wrong_commands_exit_1_or_2_with_a_message_on_stderr_and_change_nothing(int code, string message, params string[] args)
    {
        var host = shared;
        var owner = await host.UserAsync();
        var before = await host.Audit.QueryAsync((await host.UserAsync(Role.FullAdmin)).Id, new AdminPortal.Tokens.Audit.AuditQuery());

        var (exit, output, messages) = await PortalCommand.RunAsync(host, [.. args.Select(a => a.Replace("{owner}", owner.Email, StringComparison.Ordinal))]);

        Assert.Equal(code, exit);
        Assert.Contains(message, messages, StringComparison.Ordinal);
        Assert.Equal("", output);
        var admin = await host.UserAsync(Role.FullAdmin);
        Assert.Equal(before.Value!.Total, (await host.Audit.QueryAsync(admin.Id, new AdminPortal.Tokens.Audit.AuditQuery())).Value!.Total);
    }

    [Fact]
    public async Task Tokens_create_refused_by_the_tenant_policy_exits_1_naming_the_policy()
    {
        // A host that is never started: only its database is used.
        await using var host = new ApiHost();
        var admin = await host.UserAsync(Role.FullAdmin);
        var owner = await host.UserAsync();
        Assert.True((await host.Tokens.ChangePolicyAsync(admin.Id, Tokens.Model.TenantPolicySettings.Defaults with { MaxLifetimeDays = 30 }, 0)).Succeeded);

        var (exit, output, messages) = await PortalCommand.RunAsync(host, "tokens", "create", "--owner", owner.Email, "--name", "x", "--scope", "tokens:read");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("The tenant policy 'Maximum lifetime: 30 days' requires every token to expire within 30 days", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var (exit, output, _) = await PortalCommand.RunAsync(Path.GetTempPath(), "help");

        Assert.Equal(0, exit);
        Assert.Contains("tokens create --owner", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_list_shows_the_tenants_tokens_and_filters_by_owner_and_status()
    {
        await using var host = ApiHost.WithSettings();
        var alice = await host.UserAsync(name: "Alice");
        var bob = await host.UserAsync(name: "Bob");
        await host.TokenAsync(alice, new Tokens.Service.TokenDraft { Name = "alice-ci", Scopes = ["tokens:read"] });
        var revoked = await host.TokenAsync(bob, new Tokens.Service.TokenDraft { Name = "bob-old", Scopes = ["tokens:read"] });
        Assert.True((await host.Tokens.RevokeAsync(bob.Id, revoked.Token.Id)).Succeeded);

        var usable = await PortalCommand.RunAsync(host, "tokens", "list");
        var bobs = await PortalCommand.RunAsync(host, "tokens", "list", "--owner", bob.Email, "--status", "all");

        Assert.Equal((0, 0), (usable.ExitCode, bobs.ExitCode));
        Assert.Contains("alice-ci", usable.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("bob-old", usable.Output, StringComparison.Ordinal);
        Assert.Matches($@"{revoked.Token.Id}\s+bob-old\s+Bob\s+tokens:read\s+Revoked", bobs.Output);
        Assert.DoesNotContain("alice-ci", bobs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_revoke_and_restore_by_the_command_line_reach_a_running_portal_on_its_next_call()
    {
        await using var host = ApiHost.WithSettings();
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner);
        using var client = host.Client(token.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var heard = host.NextChangeFromAnotherProcess();
        var revoke = await PortalCommand.RunAsync(host, "tokens", "revoke", token.Token.Id.ToString());
        await heard;
        var afterRevoke = (await client.GetAsync("/api/v1/me")).StatusCode;
        var again = await PortalCommand.RunAsync(host, "tokens", "revoke", token.Token.Id.ToString());
        heard = host.NextChangeFromAnotherProcess();
        var restore = await PortalCommand.RunAsync(host, "tokens", "restore", token.Token.Id.ToString());
        await heard;
        var afterRestore = (await client.GetAsync("/api/v1/me")).StatusCode;

        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains("it is now Revoked", revoke.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already revoked", again.Messages, StringComparison.Ordinal);
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(HttpStatusCode.OK, afterRestore);
    }

    [Fact]
    public async Task Users_deactivate_suspends_the_users_tokens_at_once_and_reactivate_lifts_it()
    {
        await using var host = ApiHost.WithSettings();
        var owner = await host.UserAsync(name: "Leaver");
        using var client = host.Client((await host.TokenAsync(owner)).Secret);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        var heard = host.NextChangeFromAnotherProcess();
        var deactivate = await PortalCommand.RunAsync(host, "users", "deactivate", owner.SubjectId);
        await heard;
        var suspended = (await client.GetAsync("/api/v1/me")).StatusCode;
        var twice = await PortalCommand.RunAsync(host, "users", "deactivate", owner.Email);
        heard = host.NextChangeFromAnotherProcess();
        var reactivate = await PortalCommand.RunAsync(host, "users", "reactivate", owner.Email);
        await heard;
        var back = (await client.GetAsync("/api/v1/me")).StatusCode;

        Assert.Equal((0, 1, 0), (deactivate.ExitCode, twice.ExitCode, reactivate.ExitCode));
        Assert.Contains("Deactivated Leaver", deactivate.Output, StringComparison.Ordinal);
        Assert.Contains("already deactivated", twice.Messages, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (suspended, back));
    }

    [Fact]
    public async Task Command_line_still_acts_after_a_full_admin_tried_to_deactivate_its_operator_in_the_portal()
    {
        await using var host = ApiHost.WithSettings();
        var admin = await host.UserAsync(Role.FullAdmin, name: "Ada");
        var owner = await host.UserAsync(name: "Leaver");
        Assert.Equal(0, (await PortalCommand.RunAsync(host, "tokens", "list")).ExitCode);
        var op = (await host.Users.ListAsync(admin.Id)).Value!.Single(u => u.DisplayName == "Operator (command line)");

        // What the Users page would call.
        var attempt = await host.Users.DeactivateAsync(admin.Id, op.Id);
        var deactivate = await PortalCommand.RunAsync(host, "users", "deactivate", owner.Email);

        Assert.False(attempt.Succeeded);
        Assert.True(deactivate.ExitCode == 0, deactivate.Messages);
        Assert.Contains("Deactivated Leaver", deactivate.Output, StringComparison.Ordinal);
    }
}
