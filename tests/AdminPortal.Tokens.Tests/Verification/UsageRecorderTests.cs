namespace AdminPortal.Tokens.Tests.Verification;

public class UsageRecorderTests
{
    [Fact]
    public async Task Uses_are_kept_to_the_second_but_a_new_client_address_is_kept_at_once()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        var start = world.Clock.GetUtcNow();

        world.Usage.Record(created.Token.Id, start, "10.0.0.1");
        world.Usage.Record(created.Token.Id, start.AddMilliseconds(500), "10.0.0.1");
        await world.Usage.FlushAsync(TestContext.Current.CancellationToken);
        var sameSecond = (await world.StoredAsync(created.Token.Id))!;
        world.Usage.Record(created.Token.Id, start.AddMilliseconds(600), "10.0.0.2");
        world.Usage.Record(created.Token.Id, start.AddMilliseconds(700), "10.0.0.2");
        world.Usage.Record(created.Token.Id, start.AddSeconds(2), "10.0.0.2");
        await world.Usage.FlushAsync(TestContext.Current.CancellationToken);
        var later = (await world.StoredAsync(created.Token.Id))!;

        Assert.Equal((start, "10.0.0.1"), (sameSecond.LastUsedAt, sameSecond.LastUsedFrom));
        Assert.Equal((start.AddSeconds(2), "10.0.0.2"), (later.LastUsedAt, later.LastUsedFrom));
    }
}
