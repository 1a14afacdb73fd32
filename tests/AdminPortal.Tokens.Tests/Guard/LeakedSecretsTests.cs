using AdminPortal.Tokens.Guard;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Guard;

public class LeakedSecretsTests
{
    [Fact]
    public async Task A_leaked_live_token_is_revoked_once_and_its_owner_and_the_admins_are_told_without_the_secret()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var token = await world.CreateAsync(owner);
        var leaks = world.Services.GetRequiredService<LeakedSecrets>();
        ReportedSecret[] report = [new(token.Secret, "adminportal_api_token", "https://example.org/leak", "content")];

        var first = await leaks.ReportAsync(report);
        var again = await leaks.ReportAsync(report);

        Assert.True(first.Single().TruePositive);
        Assert.True(again.Single().TruePositive);
        Assert.Equal(TokenValidity.Revoked, TokenWorld.Ok(await world.Tokens.GetAsync(owner.Id, token.Token.Id)).Validity);
        Assert.Single(await world.AuditAsync(), a => a.Action == AuditAction.TokenRevoked);
        await using var db = world.Db();
        var notices = await db.Notices.Where(n => n.TokenId == token.Token.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { admin.Id, owner.Id }.Order(), notices.Select(n => n.RecipientId).Order());
        Assert.All(notices, n => Assert.Equal(NoticeKind.SecretLeaked, n.Kind));
        Assert.All(notices, n => Assert.DoesNotContain(token.Secret, n.Body, StringComparison.Ordinal));
        Assert.All(notices, n => Assert.Contains("https://example.org/leak", n.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_full_admins_check_a_secret_and_another_tenants_token_is_not_found()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var reader = await world.UserAsync(Role.SecurityReader);
        var owner = await world.UserAsync(name: "Dana");
        var otherAdmin = await world.UserAsync(Role.FullAdmin, tenant: "tenant-b");
        var token = await world.CreateAsync(owner, "deploy");

        var found = TokenWorld.Ok(await world.Tokens.CheckSecretAsync(admin.Id, $"  {token.Secret}\n"));

        Assert.Equal((token.Token.Id, "deploy", owner.Id, "Dana", TokenValidity.Valid, true), (found.TokenId, found.Name, found.OwnerId, found.OwnerName, found.Validity, found.CanRevoke));
        TokenWorld.Fails(await world.Tokens.CheckSecretAsync(reader.Id, token.Secret), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.CheckSecretAsync(owner.Id, token.Secret), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.CheckSecretAsync(otherAdmin.Id, token.Secret), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.CheckSecretAsync(admin.Id, "adp_nonsense"), TokenErrorCode.NotFound);
        Assert.DoesNotContain(token.Secret, world.RawDatabaseText(), StringComparison.Ordinal);
    }
}
