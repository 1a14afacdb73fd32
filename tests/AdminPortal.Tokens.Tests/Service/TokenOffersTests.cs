using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

/// <summary>What the token service offers a caller (the view's flags) is exactly what it then accepts.</summary>
public class TokenOffersTests
{
    public static TheoryData<string, string> RollCases => new()
    {
        { "owner", "valid" }, { "owner", "scheduled" }, { "owner", "revoked" }, { "owner", "expired" },
        { "admin", "valid" }, { "admin", "revoked" },
    };

    [Theory]
    [MemberData(nameof(RollCases))]
    public async Task Roll_is_offered_exactly_when_the_service_accepts_it_and_a_refusal_carries_the_services_reason(string viewer, string state)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(Role.User);
        var admin = await world.UserAsync(Role.FullAdmin);
        var now = world.Clock.GetUtcNow();
        var draft = state switch
        {
            "scheduled" => TokenWorld.Draft("t") with { ValidFrom = now.AddDays(1) },
            "expired" => TokenWorld.Draft("t") with { ValidTo = now.AddHours(1) },
            _ => TokenWorld.Draft("t"),
        };
        var token = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, draft)).Token;
        if (state == "revoked")
        {
            TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, token.Id));
        }

        if (state == "expired")
        {
            world.Clock.Advance(TimeSpan.FromHours(2));
        }

        var viewerId = viewer == "owner" ? owner.Id : admin.Id;
        var view = TokenWorld.Ok(await world.Tokens.GetAsync(viewerId, token.Id));
        var listed = Assert.Single(TokenWorld.Ok(await world.Tokens.QueryAsync(viewerId, new TokenQuery
        {
            AllOfTenant = viewer == "admin", Validity = [],
        })).Items);
        var roll = await world.Tokens.RollAsync(viewerId, token.Id);

        Assert.Equal(roll.Succeeded, view.CanRoll);
        Assert.Equal(view.CanRoll, listed.CanRoll);
        Assert.Equal(viewer == "owner" && state is "valid" or "scheduled", view.CanRoll);
        Assert.Equal(roll.Succeeded ? null : roll.Error.Message, view.RollRefusal);
    }

    [Fact]
    public async Task The_view_returned_by_a_change_is_made_for_the_caller()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(Role.User);
        var admin = await world.UserAsync(Role.FullAdmin);
        var token = (await world.CreateAsync(owner)).Token;

        var byAdmin = TokenWorld.Ok(await world.Tokens.EditAsync(admin.Id, token.Id, token.Version, TokenWorld.Draft("renamed")));
        var byOwner = TokenWorld.Ok(await world.Tokens.GetAsync(owner.Id, token.Id));

        Assert.False(byAdmin.CanRoll);
        Assert.True(byOwner.CanRoll);
        Assert.True(token.CanRoll);
    }
}
