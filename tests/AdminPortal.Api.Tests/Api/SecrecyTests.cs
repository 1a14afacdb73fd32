using AdminPortal.Tokens.Model;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Api;

public sealed class SecrecyTests
{
    [Fact]
    public async Task No_response_and_no_log_line_contains_a_secret_or_its_hash()
    {
        await using var host = ApiHost.WithSettings(("Api:FailedAuthenticationLimit", "3"));
        var admin = await host.UserAsync(Role.FullAdmin);
        var owner = await host.UserAsync();
        var full = await host.TokenAsync(admin, "tokens:read", "tokens:write", "audit:read", "introspect");
        var own = await host.TokenAsync(owner, "tokens:read", "tokens:write");
        var rolled = await host.TokenAsync(owner);
        var newSecret = (await host.Tokens.RollAsync(owner.Id, rolled.Token.Id)).Value!.Secret;
        host.Secrets.Add(newSecret);
        var seen = new List<string>();

        async Task Call(string? secret, HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await host.Client(secret).SendAsync(request, TestContext.Current.CancellationToken);
            seen.Add(response.ToString());
            seen.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        foreach (var secret in new[] { full.Secret, own.Secret, rolled.Secret, newSecret, full.Secret[..^2], null })
        {
            await Call(secret, HttpMethod.Get, "/api/v1/me");
            await Call(secret, HttpMethod.Get, "/api/v1/tokens?all=true&status=any");
            await Call(secret, HttpMethod.Get, $"/api/v1/tokens/{own.Token.Id}");
            await Call(secret, HttpMethod.Get, "/api/v1/audit");
            await Call(secret, HttpMethod.Get, "/auth/verify?scope=tokens:read");
            await Call(secret, HttpMethod.Post, "/api/v1/introspect", IntrospectionTests.Form(("token", own.Secret)));
        }

        await Call(own.Secret, HttpMethod.Post, $"/api/v1/tokens/{rolled.Token.Id}/revoke");
        await Call(own.Secret, HttpMethod.Get, "/api/v1/me");
        await host.Services.GetRequiredService<Tokens.Verification.UsageRecorder>().FlushAsync(TestContext.Current.CancellationToken);

        var everything = string.Join("\n", seen.Concat(host.Logs.Lines));
        Assert.Contains(own.Token.Id.ToString(), everything, StringComparison.Ordinal);
        foreach (var secret in host.Secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..20], everything, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiHost.HashOf(secret), everything, StringComparison.OrdinalIgnoreCase);
        }
    }
}
