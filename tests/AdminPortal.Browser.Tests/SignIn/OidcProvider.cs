using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AdminPortal.Testing;

namespace AdminPortal.Browser.Tests.SignIn;

/// <summary>
/// The real OpenID Connect provider (npm's oidc-provider, SignIn/Provider/provider.mjs) as a Node process on a free
/// loopback port, with one client for the portal. Its accounts: ada, ali, rob (FullAdmin), uma (User), sam (SecurityReader)
/// of tenant acme; gus (FullAdmin) of tenant globex; nora, whose roles map to nothing. <see cref="ChangeRolesAsync"/> and
/// <see cref="RemoveAsync"/> change an account as the provider's administrator would.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "adminportal";
    public const string ClientSecret = "browser-tests-client-secret";

    private readonly StringBuilder output = new();
    private Process? process;

    public int Port { get; } = RunningPortal.FreeLoopbackPort();

    public string Issuer => $"http://127.0.0.1:{Port}";

    /// <summary>The portal settings that connect it to this provider.</summary>
    public Dictionary<string, string> PortalSettings() => new()
    {
        ["Authentication:Oidc:Authority"] = Issuer,
        ["Authentication:Oidc:ClientId"] = ClientId,
        ["Authentication:Oidc:ClientSecret"] = ClientSecret,
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        ["Authentication:Oidc:Scopes:0"] = "openid",
        ["Authentication:Oidc:Scopes:1"] = "profile",
        ["Authentication:Oidc:Scopes:2"] = "email",
        ["Authentication:Oidc:Scopes:3"] = "roles",
        ["Authentication:Oidc:Scopes:4"] = "tenant",
        ["Authentication:Oidc:TenantClaim"] = "tenant",
        ["Authentication:Oidc:TenantNameClaim"] = "tenant_name",
        ["Authentication:Oidc:RoleValues:FullAdmin:0"] = "portal-admins",
        ["Authentication:Oidc:RoleValues:SecurityReader:0"] = "security-readers",
        ["Authentication:Oidc:RoleValues:User:0"] = "portal-users",
        // Long, so that the tests see open pages stop at the next action rather than at the periodic re-check.
        ["Authentication:Session:RevalidationInterval"] = "01:00:00",
        // Short (the shortest allowed), so that role changes at the provider reach the portal within the tests.
        ["Authentication:Oidc:RefreshInterval"] = "00:00:10",
    };

    /// <summary>Starts the provider, its client registered for the portal at <paramref name="portal"/>.</summary>
    public async Task StartAsync(Uri portal)
    {
        var directory = typeof(OidcProvider).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "OidcProviderDirectory").Value!;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed in {directory}: run scripts/test, or `npm ci` there.");
        }

        var start = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_TEST_PROVIDER"] = JsonSerializer.Serialize(new
        {
            port = Port,
            clientId = ClientId,
            clientSecret = ClientSecret,
            redirectUri = new Uri(portal, "signin-oidc").ToString(),
            postLogoutRedirectUri = new Uri(portal, "signout-callback-oidc").ToString(),
        });
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data, listening);
        process.ErrorDataReceived += (_, e) => Append(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilListeningAsync(listening.Task);
    }

    /// <summary>What the provider wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Waits for "listening on" for as long as node makes progress (<see cref="ProcessProgress"/>); a provider that
    /// exits first is reported at once, with its output.
    /// </summary>
    private async Task WaitUntilListeningAsync(Task listening)
    {
        var progress = new ProcessProgress(process!, () =>
        {
            lock (output)
            {
                return output.Length;
            }
        });
        while (!listening.IsCompleted)
        {
            if (process!.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The OpenID Connect provider exited with code {process.ExitCode} before it listened:\n{Output}");
            }

            progress.ThrowIfStalled("The OpenID Connect provider did not listen", () => Output);
            await Task.WhenAny(listening, Task.Delay(100));
        }
    }

    /// <summary>Gives the account <paramref name="login"/> these role values at the provider.</summary>
    public Task ChangeRolesAsync(string login, params string[] roles) =>
        ControlAsync($"/test/roles?login={login}&roles={string.Join(',', roles)}");

    /// <summary>Removes the account <paramref name="login"/> at the provider: its refresh tokens stop working.</summary>
    public Task RemoveAsync(string login) => ControlAsync($"/test/remove?login={login}");

    private async Task ControlAsync(string pathAndQuery)
    {
        using var client = new HttpClient();
        (await client.GetAsync(new Uri(Issuer + pathAndQuery))).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private void Append(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (line.Contains("listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }
}
