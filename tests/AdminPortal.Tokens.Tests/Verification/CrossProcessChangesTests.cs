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

        var heard = server.NextChangeFromAnotherProcess();
        TokenWorld.Ok(await commandLine.Tokens.RevokeAsync(owner.Id, created.Token.Id));
        await heard.WaitAsync(TestContext.Current.CancellationToken);

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

        var heard = server.NextChangeFromAnotherProcess();
        TokenWorld.Ok(await commandLine.Users.DeactivateAsync(admin.Id, owner.Id));
        await heard.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(VerifyOutcome.OwnerDeactivated, (await server.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public void Another_process_hears_each_change_once_and_a_process_does_not_replay_its_own()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("adminportal-changes-").FullName, "db-changes");
        using var first = new CrossProcessChanges(path);
        using var second = new CrossProcessChanges(path);
        var (firstHeard, secondHeard) = (new Recorder(), new Recorder());
        var token = Guid.NewGuid();
        var owner = Guid.NewGuid();

        first.OnTokenChanged(TokenChange.OfToken(token));
        first.OnTokenChanged(TokenChange.OfOwner(owner));
        var firstSawItself = first.CatchUp(firstHeard, Recorder.DropAll);
        var secondSawFirst = second.CatchUp(secondHeard, Recorder.DropAll);
        var secondAgain = second.CatchUp(secondHeard, Recorder.DropAll);

        Assert.Equal((false, true, false), (firstSawItself, secondSawFirst, secondAgain));
        Assert.Empty(firstHeard.Changes);
        Assert.Equal([TokenChange.OfToken(token), TokenChange.OfOwner(owner)], secondHeard.Changes);
        Assert.Equal(0, secondHeard.Drops);
        Assert.Equal(2, second.Current);
    }

    [Fact]
    public void More_changes_than_the_ring_holds_drop_everything_instead()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("adminportal-changes-").FullName, "db-changes");
        using var writer = new CrossProcessChanges(path);
        using var reader = new CrossProcessChanges(path);
        var heard = new Recorder();

        for (var i = 0; i < 257; i++)
        {
            writer.OnTokenChanged(TokenChange.OfToken(Guid.NewGuid()));
        }

        Assert.True(reader.CatchUp(heard, Recorder.DropAll));
        Assert.Equal((1, 0), (heard.Drops, heard.Changes.Count));
    }

    [Fact]
    public async Task Token_revoked_by_another_process_drops_only_that_token_from_the_cache()
    {
        await using var server = await TokenWorld.StartAsync();
        var owner = await server.UserAsync();
        var kept = await server.CreateAsync(owner, "kept");
        var revoked = await server.CreateAsync(owner, "revoked");
        await server.Verifier.VerifyAsync(kept.Secret, null);
        await server.Verifier.VerifyAsync(revoked.Secret, null);
        await using var commandLine = await server.OpenAnotherProcessAsync();

        var heard = server.NextChangeFromAnotherProcess();
        TokenWorld.Ok(await commandLine.Tokens.RevokeAsync(owner.Id, revoked.Token.Id));
        await heard.WaitAsync(TestContext.Current.CancellationToken);
        server.Commands.Clear();
        var keptOutcome = (await server.Verifier.VerifyAsync(kept.Secret, null)).Outcome;

        Assert.Equal(VerifyOutcome.Valid, keptOutcome);
        Assert.Empty(server.Commands);
        Assert.Equal(VerifyOutcome.Revoked, (await server.Verifier.VerifyAsync(revoked.Secret, null)).Outcome);
    }

    [Fact]
    public void Counter_whose_folder_cannot_be_created_works_alone_instead_of_failing_verification()
    {
        var blocked = Path.Combine(Directory.CreateTempSubdirectory("adminportal-changes-").FullName, "not-a-folder");
        File.WriteAllText(blocked, "a file where the folder should be");
        using var changes = new CrossProcessChanges(Path.Combine(blocked, "db-changes"));
        var heard = new Recorder();

        changes.OnTokenChanged(TokenChange.OfToken(Guid.NewGuid()));
        var caughtUp = changes.CatchUp(heard, Recorder.DropAll);

        Assert.False(changes.IsShared);
        Assert.False(caughtUp);
    }

    private sealed class Recorder : ITokenChangeListener
    {
        public static readonly Action<Recorder> DropAll = r => r.Drops++;

        public List<TokenChange> Changes { get; } = [];

        public int Drops { get; private set; }

        public void OnTokenChanged(TokenChange change) => Changes.Add(change);
    }
}
