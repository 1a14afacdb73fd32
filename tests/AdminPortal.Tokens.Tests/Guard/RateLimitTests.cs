using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Guard;

public class RateLimitTests
{
    [Fact]
    public async Task A_call_over_the_limit_is_refused_with_the_time_until_the_next_one_is_allowed()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { RateLimitPerMinute = 3 }));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "203.0.113.1")).Outcome);
        }

        var refused = await world.Verifier.VerifyAsync(created.Secret, "203.0.113.1");

        Assert.Equal(VerifyOutcome.RateLimited, refused.Outcome);
        Assert.Null(refused.Identity);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
    }

    [Fact]
    public async Task The_limit_refills_with_time()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { RateLimitPerMinute = 2 }));
        await world.Verifier.VerifyAsync(created.Secret, null);
        await world.Verifier.VerifyAsync(created.Secret, null);
        Assert.Equal(VerifyOutcome.RateLimited, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);

        world.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.Equal(VerifyOutcome.RateLimited, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);

        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.Equal(VerifyOutcome.RateLimited, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_001)]
    public async Task A_limit_out_of_range_is_refused(int perMinute)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { RateLimitPerMinute = perMinute }), TokenErrorCode.Invalid);

        Assert.Equal("RateLimitPerMinute", error.Field);
    }
}
