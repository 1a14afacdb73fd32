using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Verification;

/// <summary>Changes committed by another process on the same database (the operators' command line) reach the cache at once.</summary>
public class CrossProcessChangesTests
{
    [Fact]
    public async Task Token_revoked_by_another_process_is_rejected_on_the_next_call_although_cached()
    {
        await using var server = await TokenWorld.StartAsync();
        var owner = await server.UserAsync();
        var created = await server.CreateAsync(owner);
        Assert.Equal(VerifyOutcome.Valid, (await server.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        await using var commandLine = await server.OpenAnotherProcessAsync();

        TokenWorld.Ok(await commandLine.Tokens.RevokeAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Revoked, (await server.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Owner_deactivated_by_another_process_has_their_cached_tokens_refused_at_once()
    {
        await using var server = await TokenWorld.StartAsync();
        var admin = await server.UserAsync(Model.Role.FullAdmin);
        var owner = await server.UserAsync();
        var created = await server.CreateAsync(owner);
        await server.Verifier.VerifyAsync(created.Secret, null);
        await using var commandLine = await server.OpenAnotherProcessAsync();

        TokenWorld.Ok(await commandLine.Users.DeactivateAsync(admin.Id, owner.Id));

        Assert.Equal(VerifyOutcome.OwnerDeactivated, (await server.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Own_changes_do_not_drop_the_whole_cache_but_another_process_change_does()
    {
        await using var server = await TokenWorld.StartAsync();
        var owner = await server.UserAsync();
        var kept = await server.CreateAsync(owner, "kept");
        var other = await server.CreateAsync(owner, "other");
        await server.Verifier.VerifyAsync(kept.Secret, null);
        await server.Verifier.VerifyAsync(other.Secret, null);
        await using var commandLine = await server.OpenAnotherProcessAsync();

        TokenWorld.Ok(await server.Tokens.RevokeAsync(owner.Id, other.Token.Id));
        server.Commands.Clear();
        await server.Verifier.VerifyAsync(kept.Secret, null);
        var readsAfterOwnChange = server.Commands.Count;
        TokenWorld.Ok(await commandLine.Tokens.RestoreAsync(owner.Id, other.Token.Id));
        await server.Verifier.VerifyAsync(kept.Secret, null);

        Assert.Equal(0, readsAfterOwnChange);
        Assert.Contains(server.Commands, c => c.Contains("SELECT", StringComparison.Ordinal));
    }

    [Fact]
    public void Counter_file_is_shared_by_every_opener_and_counts_each_change_once()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("adminportal-changes-").FullName, "db-changes");
        using var first = new CrossProcessChanges(path);
        using var second = new CrossProcessChanges(path);
        var drops = new List<string>();

        first.OnTokenChanged(TokenChange.OfToken(Guid.NewGuid()));
        var firstSawItself = first.CatchUp(drops, static d => d.Add("first"));
        var secondSawFirst = second.CatchUp(drops, static d => d.Add("second"));
        var secondAgain = second.CatchUp(drops, static d => d.Add("second again"));

        Assert.Equal((false, true, false), (firstSawItself, secondSawFirst, secondAgain));
        Assert.Equal(["second"], drops);
        Assert.Equal(1, second.Current);
    }

    [Fact]
    public void Counter_whose_folder_cannot_be_created_works_alone_instead_of_failing_verification()
    {
        var blocked = Path.Combine(Directory.CreateTempSubdirectory("adminportal-changes-").FullName, "not-a-folder");
        File.WriteAllText(blocked, "a file where the folder should be");
        using var changes = new CrossProcessChanges(Path.Combine(blocked, "db-changes"));

        changes.OnTokenChanged(TokenChange.OfToken(Guid.NewGuid()));
        var caughtUp = changes.CatchUp(0, static _ => { });

        Assert.False(changes.IsShared);
        Assert.False(caughtUp);
    }
}
