using System.Text.Json;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Api;

/// <summary>The problem details of a refusal by the tenant policy, as every token operation of the API answers it.</summary>
public sealed class PolicyProblemTests
{
    [Fact]
    public async Task A_policy_refusal_has_its_own_problem_type_names_the_policy_and_keeps_the_field()
    {
        // A host that is never started: its token service on its own database.
        await using var host = new ApiHost();
        var admin = await host.UserAsync(Role.FullAdmin);
        var user = await host.UserAsync();
        Assert.True((await host.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { MaxLifetimeDays = 90 }, 0)).Succeeded);
        var refused = await host.Tokens.CreateAsync(user.Id, new TokenDraft { Name = "long", Scopes = ["tokens:read"], ValidTo = host.Clock.GetUtcNow().AddDays(365) });

        var (status, problem) = await RenderAsync(ApiProblems.From(refused.Error!));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(ApiProblems.PolicyRefusedType, problem.GetProperty("type").GetString());
        Assert.Equal("Maximum lifetime: 90 days", problem.GetProperty("policy").GetString());
        Assert.StartsWith("The tenant policy 'Maximum lifetime: 90 days'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The tenant policy 'Maximum lifetime: 90 days'", problem.GetProperty("errors").GetProperty("ValidTo")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_without_a_policy_keeps_its_usual_problem()
    {
        var (status, problem) = await RenderAsync(ApiProblems.From(new TokenError(TokenErrorCode.Forbidden, "Nope.")));

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.False(problem.TryGetProperty("policy", out _));
        Assert.NotEqual(ApiProblems.PolicyRefusedType, problem.GetProperty("type").GetString());
    }

    private static async Task<(int Status, JsonElement Problem)> RenderAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, (await JsonDocument.ParseAsync(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken)).RootElement);
    }
}
