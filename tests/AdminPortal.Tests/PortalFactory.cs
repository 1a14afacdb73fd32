using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminPortal.Tests;

/// <summary>The portal in process (Development environment), with its own temporary data directory.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string dataDirectory =
        Directory.CreateTempSubdirectory("adminportal-tests-").FullName;

    /// <summary>The folder of this portal's SQLite file.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>GET <paramref name="path"/> as an anonymous browser would, without following redirects.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Database:DataDirectory", dataDirectory);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
