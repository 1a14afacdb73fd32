using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Users;

public class UserServiceTests
{
    [Fact]
    public async Task Sign_in_creates_the_user_and_tenant_then_updates_them()
    {
        await using var world = await TokenWorld.StartAsync();
        var first = await world.Users.SignInAsync(new SignInProfile("acme", "Acme", "sub-1", "Ann", "ann@acme.example", Role.User));
        world.Clock.Advance(TimeSpan.FromHours(1));

        var again = await world.Users.SignInAsync(new SignInProfile("acme", "Acme", "sub-1", "Ann Lee", "ann.lee@acme.example", Role.FullAdmin));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("Ann Lee", "ann.lee@acme.example", Role.FullAdmin), (again.DisplayName, again.Email, again.Role));
        Assert.Equal(world.Clock.GetUtcNow(), again.LastSignInAt);
    }

    [Fact]
    public async Task Concurrent_first_sign_ins_of_one_person_in_a_new_tenant_all_succeed_as_one_user_of_one_tenant()
    {
        // Two browser tabs (or two portal nodes) completing the person's very first sign-in at the same moment.
        await using var world = await TokenWorld.StartAsync();
        await using var node = await world.OpenAnotherProcessAsync();
        var profile = new SignInProfile("newcomer", "Newcomer Ltd", "sub-new", "Nia", "nia@newcomer.example", Role.User);

        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? world : node).Users.SignInAsync(profile))));

        Assert.Single(users.Select(u => u.Id).Distinct());
        await using var db = world.Db();
        Assert.Equal(1, await db.Tenants.CountAsync(t => t.Key == "newcomer"));
        Assert.Equal(1, await db.Users.CountAsync(u => u.SubjectId == "sub-new"));
    }

    [Fact]
    public async Task Update_from_the_provider_changes_role_and_name_and_the_tokens_follow_but_is_not_a_sign_in()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.Users.SignInAsync(new SignInProfile("acme", "Acme", "sub-1", "Ann", "ann@acme.example", Role.FullAdmin));
        var token = await world.CreateAsync(admin, "audit reader", "audit:read");
        Assert.Contains("audit:read", (await world.Verifier.VerifyAsync(token.Secret, null)).Identity!.EffectiveScopes);
        world.Clock.Advance(TimeSpan.FromHours(1));

        var updated = await world.Users.UpdateFromProviderAsync(new SignInProfile("acme", "Acme", "sub-1", "Ann Lee", "ann@acme.example", Role.User));

        Assert.Equal((admin.Id, "Ann Lee", Role.User), (updated.Id, updated.DisplayName, updated.Role));
        Assert.Equal(admin.LastSignInAt, updated.LastSignInAt);
        Assert.DoesNotContain("audit:read", (await world.Verifier.VerifyAsync(token.Secret, null)).Identity!.EffectiveScopes);
    }

    [Fact]
    public async Task Same_subject_in_two_tenants_is_two_users()
    {
        await using var world = await TokenWorld.StartAsync();

        var a = await world.Users.SignInAsync(new SignInProfile("a", "A", "sub", "X", "x@a", Role.User));
        var b = await world.Users.SignInAsync(new SignInProfile("b", "B", "sub", "X", "x@b", Role.User));

        Assert.NotEqual((a.Id, a.TenantId), (b.Id, b.TenantId));
    }

    [Fact]
    public async Task Deactivation_and_reactivation_set_the_owner_state_stored_on_each_of_their_tokens_and_on_no_other()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var theirs = new[] { (await world.CreateAsync(user, "one")).Token.Id, (await world.CreateAsync(user, "two")).Token.Id };
        var other = (await world.CreateAsync(admin, "admin's")).Token.Id;

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, user.Id));
        foreach (var id in theirs)
        {
            Assert.False((await world.StoredAsync(id))!.OwnerIsActive);
        }

        Assert.True((await world.StoredAsync(other))!.OwnerIsActive);
        // A token created for a deactivated owner is refused, so none is stored with a stale state.
        TokenWorld.Fails(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("three") with { OwnerId = user.Id }), TokenErrorCode.Forbidden);

        TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, user.Id));
        foreach (var id in theirs)
        {
            Assert.True((await world.StoredAsync(id))!.OwnerIsActive);
        }

        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("three") with { OwnerId = user.Id }));
        Assert.True((await world.StoredAsync(created.Token.Id))!.OwnerIsActive);
    }

    [Fact]
    public async Task Deactivated_owner_gets_permission_denied_and_reactivation_lifts_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var created = await world.CreateAsync(user);

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, user.Id));
        var suspended = await world.Verifier.VerifyAsync(created.Secret, null);
        TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, user.Id));
        var lifted = await world.Verifier.VerifyAsync(created.Secret, null);

        Assert.Equal(VerifyOutcome.OwnerDeactivated, suspended.Outcome);
        Assert.True(lifted.IsValid);
        Assert.NotNull(await world.StoredAsync(created.Token.Id));
        var audit = await world.AuditAsync();
        Assert.Contains(audit, a => a.Action == AuditAction.UserDeactivated && a.TargetUserId == user.Id && a.ActorId == admin.Id);
    }

    [Fact]
    public async Task Only_a_full_admin_of_the_same_tenant_deactivates_and_never_themselves()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var reader = await world.UserAsync(Role.SecurityReader);
        var user = await world.UserAsync();
        var foreignAdmin = await world.UserAsync(Role.FullAdmin, tenant: "tenant-b");

        TokenWorld.Fails(await world.Users.DeactivateAsync(reader.Id, user.Id), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Users.DeactivateAsync(user.Id, reader.Id), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Users.DeactivateAsync(foreignAdmin.Id, user.Id), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Users.DeactivateAsync(admin.Id, admin.Id), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Users.ReactivateAsync(admin.Id, user.Id), TokenErrorCode.InvalidState);
        Assert.Empty(await world.AuditAsync());
    }

    [Fact]
    public async Task Deactivated_user_stays_deactivated_when_they_sign_in_again()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, user.Id));

        var again = await world.Users.SignInAsync(new SignInProfile("tenant-a", "TENANT-A", user.SubjectId, user.DisplayName, user.Email, Role.User));

        Assert.False(again.IsActive);
    }

    [Fact]
    public async Task Full_admin_lists_the_tenants_users_with_token_counts_and_others_cannot()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin, name: "Ada");
        var user = await world.UserAsync(name: "Uma");
        await world.UserAsync(tenant: "tenant-b", name: "Gus");
        await world.CreateAsync(user, "one");
        await world.CreateAsync(user, "two");

        var users = TokenWorld.Ok(await world.Users.ListAsync(admin.Id));

        Assert.Equal([("Ada", 0), ("Uma", 2)], users.Select(u => (u.DisplayName, u.TokenCount)));
        TokenWorld.Fails(await world.Users.ListAsync(user.Id), TokenErrorCode.Forbidden);
    }

    /// <summary>What the command line signs in as (see OperatorContext), spelt out so that the test also ran before the rule.</summary>
    private static SignInProfile Operator(string tenant = "tenant-a") =>
        new(tenant, tenant.ToUpperInvariant(), "adminportal:operator", "Operator (command line)", "", Role.FullAdmin);

    [Fact]
    public async Task Built_in_operator_cannot_be_deactivated_by_a_full_admin_and_nothing_changes()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var op = await world.Users.SignInAsync(Operator());

        var refused = TokenWorld.Fails(await world.Users.DeactivateAsync(admin.Id, op.Id), TokenErrorCode.Forbidden);

        Assert.Contains("built in", refused.Message, StringComparison.Ordinal);
        await using var db = world.Db();
        Assert.True((await db.Users.FindAsync([op.Id], TestContext.Current.CancellationToken))!.IsActive);
        Assert.DoesNotContain(await world.AuditAsync(), a => a.Action == AuditAction.UserDeactivated);
    }

    [Fact]
    public async Task Users_list_marks_the_built_in_operator_and_no_one_else()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin, name: "Ada");
        var op = await world.Users.OperatorAsync("tenant-a", "TENANT-A");

        var users = TokenWorld.Ok(await world.Users.ListAsync(admin.Id));

        Assert.Equal([("Ada", false), ("Operator (command line)", true)], users.Select(u => (u.DisplayName, u.IsBuiltIn)));
        Assert.Equal(op.Id, users.Single(u => u.IsBuiltIn).Id);
    }

    [Fact]
    public async Task Operator_deactivated_before_the_rule_is_reactivated_when_the_command_line_next_acts_and_that_is_audited()
    {
        await using var world = await TokenWorld.StartAsync();
        var op = await world.Users.SignInAsync(Operator());
        await using (var db = world.Db())
        {
            (await db.Users.FindAsync([op.Id], TestContext.Current.CancellationToken))!.Deactivate(world.Clock.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var again = await world.Users.OperatorAsync("tenant-a", "TENANT-A");

        Assert.Equal(op.Id, again.Id);
        Assert.True(again.IsActive);
        var entry = Assert.Single(await world.AuditAsync());
        Assert.Equal((AuditAction.UserReactivated, op.Id, op.Id), (entry.Action, entry.ActorId, entry.TargetUserId));
    }

    [Fact]
    public async Task The_list_offers_each_change_exactly_when_the_service_would_accept_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin, name: "Ada");
        var active = await world.UserAsync(name: "Bo");
        var deactivated = await world.UserAsync(name: "Cy");
        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, deactivated.Id));
        await world.Users.OperatorAsync("tenant-a", "TENANT-A");

        var users = TokenWorld.Ok(await world.Users.ListAsync(admin.Id));

        Assert.Equal(
            [("Ada", true, false, false), ("Bo", false, true, false), ("Cy", false, false, true), ("Operator (command line)", false, false, false)],
            users.Select(u => (u.DisplayName, u.IsCaller, u.CanDeactivate, u.CanReactivate)));
        foreach (var user in users)
        {
            Assert.Equal(user.CanDeactivate, (await world.Users.DeactivateAsync(admin.Id, user.Id)).Succeeded);
        }

        foreach (var user in TokenWorld.Ok(await world.Users.ListAsync(admin.Id)).Where(u => u.CanReactivate))
        {
            Assert.True((await world.Users.ReactivateAsync(admin.Id, user.Id)).Succeeded);
        }
    }
}
