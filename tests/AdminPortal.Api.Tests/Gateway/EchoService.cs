using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Api.Tests.Gateway;

/// <summary>The protected service behind nginx: a second Kestrel on loopback that answers with the headers it received.</summary>
internal sealed class EchoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EchoService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Map("/{**path}", (HttpRequest request) => Results.Text(
            JsonSerializer.Serialize(new
            {
                path = request.Path.Value,
                tokenId = request.Headers["X-Auth-Token-Id"].ToString(),
                ownerId = request.Headers["X-Auth-Owner-Id"].ToString(),
                ownerName = Uri.UnescapeDataString(request.Headers["X-Auth-Owner-Name"].ToString()),
                tenantId = request.Headers["X-Auth-Tenant-Id"].ToString(),
                scopes = request.Headers["X-Auth-Scopes"].ToString(),
                authorization = request.Headers.Authorization.ToString(),
            }),
            "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EchoService(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
