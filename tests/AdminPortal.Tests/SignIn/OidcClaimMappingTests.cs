using System.Security.Claims;
using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tests.SignIn;

public sealed class OidcClaimMappingTests
{
    private static OidcOptions Options(UnmappedUserPolicy unmapped = UnmappedUserPolicy.Refuse) => new()
    {
        RoleClaim = "groups",
        RoleValues =
        {
            [Role.FullAdmin] = ["portal-admins"],
            [Role.SecurityReader] = ["security-readers", "auditors"],
            [Role.User] = ["portal-users"],
        },
        UnmappedUsers = unmapped,
        TenantClaim = "tid",
        TenantNameClaim = "org",
    };

    private static ClaimsIdentity Claims(params (string Type, string Value)[] claims) =>
        new(claims.Select(c => new Claim(c.Type, c.Value)).Prepend(new Claim("sub", "s-1")).Prepend(new Claim("tid", "acme")), "test");

    [Theory]
    [InlineData(Role.FullAdmin, "portal-users", "security-readers", "portal-admins")]
    [InlineData(Role.SecurityReader, "portal-users", "auditors")]
    [InlineData(Role.User, "staff", "portal-users")]
    public void The_strongest_mapped_value_gives_the_role(Role expected, params string[] groups)
    {
        var claims = Claims(groups.Select(g => ("groups", g)).ToArray());

        Assert.Equal(expected, OidcClaimMapping.RoleOf(Options(), claims));
    }

    [Fact]
    public void Values_match_exactly()
    {
        var claims = Claims(("groups", "Portal-Admins"), ("roles", "portal-admins"));

        var refused = Assert.Throws<SignInRejectedException>(() => OidcClaimMapping.RoleOf(Options(), claims));

        Assert.Equal(SignInFailure.NoRole, refused.Failure);
    }

    [Fact]
    public void Unmapped_people_get_user_when_configured_so()
    {
        Assert.Equal(Role.User, OidcClaimMapping.RoleOf(Options(UnmappedUserPolicy.User), Claims(("groups", "staff"))));
    }

    [Fact]
    public void Profile_takes_tenant_name_and_email_from_their_claims()
    {
        var claims = Claims(("groups", "portal-users"), ("org", "Acme Corp"), ("name", " Uma User "), ("email", "uma@acme.example"));

        var profile = OidcClaimMapping.ToProfile(Options(), claims);

        Assert.Equal(new AdminPortal.Tokens.Users.SignInProfile("acme", "Acme Corp", "s-1", "Uma User", "uma@acme.example", Role.User), profile);
    }

    [Fact]
    public void Missing_name_falls_back_to_email_then_subject()
    {
        Assert.Equal("uma@acme.example", OidcClaimMapping.ToProfile(Options(), Claims(("groups", "portal-users"), ("email", "uma@acme.example"))).DisplayName);
        Assert.Equal("s-1", OidcClaimMapping.ToProfile(Options(), Claims(("groups", "portal-users"))).DisplayName);
    }

    [Fact]
    public void Fixed_tenant_ignores_tenant_claims()
    {
        var options = Options();
        options.TenantClaim = null;
        options.FixedTenant = "contoso";
        options.FixedTenantName = "Contoso";

        var profile = OidcClaimMapping.ToProfile(options, Claims(("groups", "portal-users")));

        Assert.Equal(("contoso", "Contoso"), (profile.TenantKey, profile.TenantName));
    }

    [Fact]
    public void Tenant_outside_the_allowed_list_is_refused()
    {
        var options = Options();
        options.AllowedTenants = ["globex"];

        var refused = Assert.Throws<SignInRejectedException>(() => OidcClaimMapping.ToProfile(options, Claims(("groups", "portal-users"))));

        Assert.Equal(SignInFailure.NoTenant, refused.Failure);
    }
}
