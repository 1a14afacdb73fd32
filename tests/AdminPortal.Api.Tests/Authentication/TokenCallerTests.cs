using System.Security.Claims;
using AdminPortal.Api.Authentication;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Api.Tests.Authentication;

public class TokenCallerTests
{
    [Fact]
    public void Caller_is_authenticated_and_its_claims_name_owner_token_tenant_and_scopes_when_read()
    {
        var token = new TokenIdentity(Guid.NewGuid(), "ci", Guid.NewGuid(), Guid.NewGuid(), "Dana",
            new HashSet<string>(["tokens:read", "alerts:read"]), DateTimeOffset.UnixEpoch, null, null);

        var user = new ClaimsPrincipal(new TokenCaller(token));

        Assert.True(user.Identity!.IsAuthenticated);
        Assert.Equal(ApiTokenDefaults.Scheme, user.Identity.AuthenticationType);
        Assert.Equal(token.OwnerId.ToString(), user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal(token.OwnerId.ToString(), user.Identity.Name);
        Assert.Equal(token.TokenId.ToString(), user.FindFirst("token_id")?.Value);
        Assert.Equal(token.TenantId.ToString(), user.FindFirst("tenant_id")?.Value);
        Assert.Equal(["alerts:read", "tokens:read"], user.FindAll("scope").Select(c => c.Value).Order());
        Assert.Same(token, user.Token());
    }
}
