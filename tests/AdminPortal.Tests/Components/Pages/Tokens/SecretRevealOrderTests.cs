using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tests.Components.Pages.Tokens;

/// <summary>After a create or a roll the secret is revealed first and the list refreshed after; a failing refresh loses nothing.</summary>
public sealed class SecretRevealOrderTests
{
    private const string Secret = "adp_0123456789abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task Reveal_is_open_with_the_secret_before_the_refresh_runs_and_a_refresh_that_throws_does_not_end_it()
    {
        var steps = new List<string>();
        var closed = new TaskCompletionSource();
        var secret = new OneTimeSecret(new CreatedToken(Token(), Secret), rolled: true);
        Exception? reported = null;

        var run = SecretRevealOrder.RunAsync(
            secret,
            s =>
            {
                steps.Add("reveal " + s.Value);
                return Task.FromResult<Task>(closed.Task);
            },
            () =>
            {
                steps.Add("refresh");
                throw new InvalidOperationException("The list cannot be read.");
            },
            ex => reported = ex);

        Assert.Equal(["reveal " + Secret, "refresh"], steps);
        Assert.False(run.IsCompleted);
        Assert.Equal(Secret, secret.Value);
        Assert.Null(reported);

        closed.SetResult();
        await run;

        Assert.IsType<InvalidOperationException>(reported);
        Assert.True(secret.IsCleared);
    }

    [Fact]
    public async Task Refresh_that_succeeds_reports_nothing_and_the_secret_is_dropped_when_the_reveal_closes()
    {
        var secret = new OneTimeSecret(new CreatedToken(Token(), Secret), rolled: false);
        var refreshed = false;

        await SecretRevealOrder.RunAsync(secret, _ => Task.FromResult(Task.CompletedTask), () =>
        {
            refreshed = true;
            return Task.CompletedTask;
        }, ex => Assert.Fail(ex.Message));

        Assert.True(refreshed);
        Assert.True(secret.IsCleared);
    }

    private static TokenView Token() => new()
    {
        Id = Guid.NewGuid(), Name = "Terraform CI", Description = "", Scopes = ["tokens:read"], OwnerId = Guid.NewGuid(), OwnerName = "Ada Admin",
        TenantId = Guid.NewGuid(), CreatedById = Guid.NewGuid(), CreatedAt = DateTimeOffset.UnixEpoch, Validity = TokenValidity.Valid,
        Usage = TokenUsage.Generated, Version = 1,
    };
}
