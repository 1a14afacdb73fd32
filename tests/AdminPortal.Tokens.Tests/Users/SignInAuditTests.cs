using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Model;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Users;

/// <summary>Sign-in, sign-out and refused sign-ins in the audit log: who, when, from where and why.</summary>
public class SignInAuditTests
{
    [Fact]
    public async Task Sign_in_and_sign_out_are_recorded_under_the_tenant_with_time_and_address_and_a_full_admin_reads_them()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync(name: "Uma");

        await world.Users.RecordSignedInAsync(user.Id, "203.0.113.7");
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.Users.RecordSignedOutAsync(user.Id, "2001:db8::7");

        var log = TokenWorld.Ok(await world.Services.GetRequiredService<AuditLog>().QueryAsync(admin.Id, new AuditQuery())).Items;
        Assert.Equal(
            [
                (AuditAction.SignedOut, "Uma", "2001:db8::7", TokenWorld.Start.AddMinutes(5), "Signed out from 2001:db8::7."),
                (AuditAction.SignedIn, "Uma", "203.0.113.7", TokenWorld.Start, "Signed in from 203.0.113.7."),
            ],
            log.Select(e => (e.Action, e.ActorName, e.ClientAddress!, e.At, e.Summary)));
        Assert.All(log, e => Assert.Equal((user.Id, user.Id), (e.ActorId, e.TargetUserId!.Value)));
    }

    [Fact]
    public async Task Refused_sign_in_of_a_known_person_is_recorded_with_its_reason_in_their_tenant_only()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync(name: "Uma");
        var foreignAdmin = await world.UserAsync(Role.FullAdmin, tenant: "tenant-b");

        var audited = await world.Users.RecordSignInRefusedAsync("tenant-a", user.SubjectId, "the account is deactivated", "198.51.100.4");

        Assert.True(audited);
        var audit = world.Services.GetRequiredService<AuditLog>();
        var entry = Assert.Single(TokenWorld.Ok(await audit.QueryAsync(admin.Id, new AuditQuery())).Items);
        Assert.Equal((AuditAction.SignInRefused, user.Id, "198.51.100.4"), (entry.Action, entry.ActorId, entry.ClientAddress));
        Assert.Equal("Sign-in refused from 198.51.100.4: the account is deactivated", entry.Summary);
        Assert.Empty(TokenWorld.Ok(await audit.QueryAsync(foreignAdmin.Id, new AuditQuery())).Items);
    }

    [Fact]
    public async Task Refusal_before_anyone_is_known_belongs_to_no_tenant_and_is_not_in_any_audit_log()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();

        var noTenant = await world.Users.RecordSignInRefusedAsync(null, null, "the id_token's signature is invalid", "198.51.100.4");
        var unknownPerson = await world.Users.RecordSignInRefusedAsync("tenant-a", "nobody", "no role", "198.51.100.4");
        var otherTenant = await world.Users.RecordSignInRefusedAsync("tenant-b", user.SubjectId, "no role", null);

        Assert.Equal((false, false, false), (noTenant, unknownPerson, otherTenant));
        Assert.Empty(await world.AuditAsync());
    }

    [Fact]
    public async Task Reason_is_one_short_line_and_an_unusable_address_is_left_out()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();

        await world.Users.RecordSignInRefusedAsync("tenant-a", user.SubjectId, "first line\nsecond\tline" + new string('x', 1000), "not an address <script>");

        var entry = Assert.Single(await world.AuditAsync());
        Assert.Null(entry.ClientAddress);
        Assert.StartsWith("Sign-in refused: first line second line", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', entry.Summary);
        Assert.True(entry.Summary.Length <= "Sign-in refused: ".Length + 300);
    }
}
