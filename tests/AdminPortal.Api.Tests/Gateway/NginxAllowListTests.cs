using System.Net.Http.Headers;
using System.Net.Sockets;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Tests.Gateway;

/// <summary>
/// Allow-lists through the shipped nginx gateway and /auth/verify: the portal trusts nginx (127.0.0.1) as a proxy, and the
/// clients connect to nginx from other loopback addresses, so that the address nginx forwards is theirs.
/// </summary>
public sealed class NginxAllowListTests
{
    [Fact]
    public async Task The_gateway_passes_the_allowed_client_and_refuses_another_even_when_it_forges_x_forwarded_for()
    {
        await using var portal = ApiHost.WithSettings(("ForwardedHeaders:KnownProxies", "127.0.0.1"));
        await using var echo = await EchoService.StartAsync();
        await using var nginx = await NginxProcess.StartAsync(portal.ServerAddress, echo.Address);
        var owner = await portal.UserAsync();
        var token = await portal.TokenAsync(owner, new TokenDraft { Name = "from .2", Scopes = ["tokens:read"], AllowedAddresses = ["127.0.0.2"] });
        using var allowed = Client(nginx, token.Secret, IPAddress.Parse("127.0.0.2"));
        using var other = Client(nginx, token.Secret, IPAddress.Parse("127.0.0.3"));

        using var passed = await allowed.GetAsync("/reports/daily");
        using var refused = await other.GetAsync("/reports/daily");
        using var forgedRequest = new HttpRequestMessage(HttpMethod.Get, "/reports/daily");
        forgedRequest.Headers.Add("X-Forwarded-For", "127.0.0.2");
        using var forged = await other.SendAsync(forgedRequest, TestContext.Current.CancellationToken);

        Assert.True(HttpStatusCode.OK == passed.StatusCode, nginx.ErrorLog);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private static HttpClient Client(NginxProcess nginx, string secret, IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = nginx.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
