using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using AdminPortal.Api.Tests.Api;
using AdminPortal.Testing;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document as a client's tools see it: redocly's recommended rules find nothing, every operation
/// documents a success answer with an example and its scope, and a client generated from it with openapi-typescript
/// type-checks (tsc, strict) and, compiled, lists, creates, edits and revokes a token against this very portal.
/// The tools are npm packages pinned in OpenApi/Client (scripts/test runs npm ci there).
/// </summary>
public sealed class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string Tools = typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OpenApiClientDirectory").Value!;

    [Fact]
    public async Task Redocly_finds_no_error_and_no_warning_in_the_served_document()
    {
        var work = await DocumentAsync();

        var (exit, output, messages) = await RunAsync(work, Tool("@redocly/cli", "bin/cli.js"), "lint", "openapi.json", "--format=stylish");

        Assert.True(exit == 0, $"redocly lint failed:\n{output}\n{messages}");
        Assert.DoesNotContain("warning", output + messages.Replace("Deprecation warning", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" error ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_documents_its_success_answer_with_an_example_its_errors_and_its_scope()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(await DocumentAsync(), "openapi.json"), TestContext.Current.CancellationToken));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.Contains(operations, o => o.Path == "/api/v1/tokens" && o.Method == "post");
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{name} documents no success answer");
            foreach (var answer in success.Where(r => r.Name != "204" && r.Value.TryGetProperty("content", out _)))
            {
                var media = answer.Value.GetProperty("content").EnumerateObject().Single().Value;
                Assert.True(media.TryGetProperty("schema", out _), $"{name} {answer.Name} has no schema");
                Assert.True(media.TryGetProperty("example", out _), $"{name} {answer.Name} has no example");
            }

            Assert.True(success.Any(r => r.Value.TryGetProperty("content", out _) || r.Value.TryGetProperty("headers", out _) || r.Name == "204"),
                $"{name}: its success answer says nothing of its body or headers");
            Assert.Contains(responses, r => r.Name == "401");
            Assert.True(operation.TryGetProperty("x-required-scopes", out _) || path == "/auth/verify", $"{name} names no scope");
        }
    }

    [Fact]
    public async Task A_client_generated_from_the_document_type_checks_and_lists_creates_edits_and_revokes_a_token()
    {
        var work = await DocumentAsync();
        File.Copy(Path.Combine(Tools, "client.ts"), Path.Combine(work, "client.ts"));
        File.Copy(Path.Combine(Tools, "tsconfig.json"), Path.Combine(work, "tsconfig.json"));

        var generated = await RunAsync(work, Tool("openapi-typescript", "bin/cli.js"), "openapi.json", "-o", "api.d.ts");
        Assert.True(generated.ExitCode == 0, $"openapi-typescript failed:\n{generated.Output}\n{generated.Messages}");
        var checkedTypes = await RunAsync(work, Tool("typescript", "bin/tsc"), "-p", "tsconfig.json");
        Assert.True(checkedTypes.ExitCode == 0, $"tsc found errors:\n{checkedTypes.Output}\n{checkedTypes.Messages}");

        var owner = await host.UserAsync(Role.User);
        var caller = await host.TokenAsync(owner, "tokens:read", "tokens:write");
        await File.WriteAllTextAsync(Path.Combine(work, "out", "package.json"), """{ "type": "module" }""", TestContext.Current.CancellationToken);
        var run = await RunAsync(work, Path.Combine(work, "out", "client.js"), new Dictionary<string, string>
        {
            ["ADMINPORTAL_URL"] = host.ServerAddress.ToString().TrimEnd('/'),
            ["ADMINPORTAL_TOKEN"] = caller.Secret,
        });
        Assert.True(run.ExitCode == 0, $"the client failed:\n{run.Output}\n{run.Messages}");

        using var seen = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]);
        var result = seen.RootElement;
        Assert.Equal(1, result.GetProperty("listedBefore").GetInt32());
        Assert.Equal(201, result.GetProperty("created").GetInt32());
        Assert.Equal("adp_", result.Text("secretPrefix"));
        Assert.Equal((200, "edited by client.ts"), (result.GetProperty("edited").GetInt32(), result.Text("description")));
        Assert.Equal(412, result.GetProperty("staleEdit").GetInt32());
        Assert.Equal(200, result.GetProperty("rotated").GetInt32());
        Assert.True(result.GetProperty("rotatedSecretIsNew").GetBoolean());
        Assert.Equal(JsonValueKind.String, result.GetProperty("oldSecretValidUntil").ValueKind);
        Assert.Equal("Revoked", result.Text("revoked"));
        Assert.Equal([result.Text("id")], result.GetProperty("revokedListed").EnumerateArray().Select(e => e.GetString()));
        var created = Guid.Parse(result.GetProperty("id").GetString()!);
        Assert.Equal(owner.Id, (await host.Tokens.GetAsync(owner.Id, created)).Value!.OwnerId);
    }

    /// <summary>A fresh folder holding the document as this portal serves it (openapi.json).</summary>
    private async Task<string> DocumentAsync()
    {
        using var client = host.Client();
        var text = await client.GetStringAsync(TokenApiPath, TestContext.Current.CancellationToken);
        var work = Directory.CreateTempSubdirectory("adminportal-openapi-").FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "openapi.json"), text, TestContext.Current.CancellationToken);
        return work;
    }

    private const string TokenApiPath = "/openapi/v1.json";

    private static string Tool(string package, string script)
    {
        var path = Path.Combine(Tools, "node_modules", package, script);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/test (it runs npm ci in {Tools}).");
    }

    private static Task<(int ExitCode, string Output, string Messages)> RunAsync(string folder, string script, params string[] arguments) =>
        RunAsync(folder, script, new Dictionary<string, string>(), arguments);

    private static Task<(int ExitCode, string Output, string Messages)> RunAsync(string folder, string script, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        return ProcessRun.ToExitAsync(start, TestContext.Current.CancellationToken);
    }
}
