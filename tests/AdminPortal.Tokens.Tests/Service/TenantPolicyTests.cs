using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Service;

public class TenantPolicyTests
{
    [Fact]
    public async Task A_tenant_that_never_changed_its_policy_has_the_defaults_and_every_member_can_read_them()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        await world.UserAsync(Role.FullAdmin);

        var view = TokenWorld.Ok(await world.Tokens.GetPolicyAsync(user.Id));

        Assert.Equal(TenantPolicySettings.Defaults, view.Settings with { ScopesByRole = TenantPolicySettings.Defaults.ScopesByRole });
        Assert.Empty(view.Settings.ScopesByRole);
        Assert.Equal(0, view.Version);
        Assert.False(view.CanChange);
        Assert.Contains("tokens:write", view.ScopesHeldByRole[Role.User]);
    }

    [Fact]
    public async Task A_full_admin_changes_the_policy_once_per_version_and_the_change_is_audited_with_what_changed()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var other = await world.UserAsync(Role.FullAdmin, name: "Other Admin");
        var wanted = TenantPolicySettings.Defaults with
        {
            MaxLifetimeDays = 90,
            OnlyAdminsCreateTokens = true,
            ScopesByRole = new Dictionary<Role, IReadOnlyList<string>> { [Role.User] = ["tokens:read"] },
            CleanupUnusedAfterDays = 365,
        };

        var changed = TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, wanted, expectedVersion: 0));
        var stale = TokenWorld.Fails(await world.Tokens.ChangePolicyAsync(other.Id, wanted with { MaxLifetimeDays = 30 }, expectedVersion: 0), TokenErrorCode.Conflict);

        Assert.Equal(1, changed.Version);
        var read = TokenWorld.Ok(await world.Tokens.GetPolicyAsync(other.Id));
        Assert.Equal(90, read.Settings.MaxLifetimeDays);
        Assert.True(read.Settings.OnlyAdminsCreateTokens);
        Assert.Equal(["tokens:read"], read.Settings.ScopesByRole[Role.User]);
        Assert.Equal(365, read.Settings.CleanupUnusedAfterDays);
        Assert.Contains("reload", stale.Message);
        await using (var db = world.Db())
        {
            Assert.True(await db.Tenants.Where(t => t.Id == admin.TenantId).Select(t => t.OnlyAdminsCreateTokens).SingleAsync());
        }

        var entry = Assert.Single(await world.AuditAsync(), e => e.Action == AuditAction.PolicyChanged);
        Assert.Equal(
            "Changed the token policy: maximum lifetime none → 90 days; only admins create tokens off → on; User scopes all held → tokens:read; "
            + "clean-up of unused tokens never → after 365 days.",
            entry.Summary);
    }

    [Fact]
    public async Task Only_full_admins_change_the_policy()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var reader = await world.UserAsync(Role.SecurityReader);

        foreach (var who in new[] { user, reader })
        {
            TokenWorld.Fails(await world.Tokens.ChangePolicyAsync(who.Id, TenantPolicySettings.Defaults with { RequireExpiry = true }, 0), TokenErrorCode.Forbidden);
        }

        Assert.False(TokenWorld.Ok(await world.Tokens.GetPolicyAsync(user.Id)).Settings.RequireExpiry);
    }

    public static TheoryData<string, Func<TenantPolicySettings, TenantPolicySettings>> BadSettings => new()
    {
        { "MaxLifetimeDays", s => s with { MaxLifetimeDays = 0 } },
        { "MaxLifetimeDays", s => s with { MaxLifetimeDays = 3651 } },
        { "MaxUsableTokensPerPerson", s => s with { MaxUsableTokensPerPerson = 0 } },
        { "ScopesByRole", s => s with { ScopesByRole = new Dictionary<Role, IReadOnlyList<string>> { [Role.SecurityReader] = ["tokens:write"] } } },
        { "ScopesByRole", s => s with { ScopesByRole = new Dictionary<Role, IReadOnlyList<string>> { [Role.User] = ["nonsense:scope"] } } },
        { "ExpiryNoticeDays", s => s with { ExpiryNoticeDays = -1 } },
        { "MaxRotationGraceHours", s => s with { MaxRotationGraceHours = 24 * 8 } },
        { "CleanupUnusedAfterDays", s => s with { CleanupUnusedAfterDays = 7 } },
        { "DefaultRateLimitPerMinute", s => s with { DefaultRateLimitPerMinute = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_is_refused_by_name_and_changes_nothing(string field, Func<TenantPolicySettings, TenantPolicySettings> bad)
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);

        var error = TokenWorld.Fails(await world.Tokens.ChangePolicyAsync(admin.Id, bad(TenantPolicySettings.Defaults with { RequireExpiry = true }), 0), TokenErrorCode.Invalid);

        Assert.Equal(field, error.Field);
        var view = TokenWorld.Ok(await world.Tokens.GetPolicyAsync(admin.Id));
        Assert.Equal(0, view.Version);
        Assert.False(view.Settings.RequireExpiry);
        Assert.DoesNotContain(await world.AuditAsync(), e => e.Action == AuditAction.PolicyChanged);
    }

    [Fact]
    public async Task A_notice_to_owner_and_admins_exists_once_per_recipient_however_often_it_is_added()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        await world.UserAsync(Role.FullAdmin, tenant: "tenant-b");
        var token = (await world.CreateAsync(owner)).Token;

        for (var round = 0; round < 2; round++)
        {
            await using var db = world.Db();
            var stored = await db.Tokens.SingleAsync(t => t.Id == token.Id);
            await NoticeOutbox.ToOwnerAndAdminsAsync(db, stored, NoticeKind.SecretLeaked, $"leaked:{token.Id:N}", "Subject", "Body", world.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        await using var read = world.Db();
        var notices = await read.Notices.OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(new[] { owner.Id, admin.Id }.Order(), notices.Select(n => n.RecipientId).Order());
        Assert.All(notices, n => Assert.Equal(token.Id, n.TokenId));
    }
}
