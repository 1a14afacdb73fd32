using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AdminPortal.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Security;

/// <summary>The cookies' key ring in the portal's database: encrypted at rest with a configured certificate, plain without one.</summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_the_portal_still_reads_them()
    {
        await using var portal = new PortalFactory();
        var (path, password) = Certificate(portal.DataDirectory, "portal-keys", "pfx-password");
        var app = portal.WithWebHostBuilder(b => b
            .UseSetting("Security:DataProtection:CertificatePath", path)
            .UseSetting("Security:DataProtection:CertificatePassword", password));

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await Components.Pages.SignIn.DevelopmentSignInClient.PostSignInAsync(client, "demo-admin", "/tokens");
        var (status, _) = await Components.Pages.SignIn.DevelopmentSignInClient.GetPageAsync(client, "/tokens");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.OK), (signIn.StatusCode, status));
        var xml = await StoredKeysAsync(app);
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_unencrypted_under_the_portals_application_name()
    {
        await using var portal = new PortalFactory();

        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Components.Pages.SignIn.DevelopmentSignInClient.PostSignInAsync(client, "demo-admin", "/tokens");

        var xml = await StoredKeysAsync(portal);
        Assert.Contains("<value>", xml, StringComparison.Ordinal);
        Assert.Equal("AdminPortal", portal.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.DataProtection.DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }

    [Theory]
    [InlineData("missing.pfx", "pfx-password", "no file at")]
    [InlineData("portal-keys.pfx", "wrong password", "cannot be read as a PKCS#12")]
    public async Task Unusable_certificate_stops_the_start_with_the_setting_named(string file, string password, string reason)
    {
        await using var portal = new PortalFactory();
        Certificate(portal.DataDirectory, "portal-keys", "pfx-password");
        var app = portal.WithWebHostBuilder(b => b
            .UseSetting("Security:DataProtection:CertificatePath", Path.Combine(portal.DataDirectory, file))
            .UseSetting("Security:DataProtection:CertificatePassword", password));

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = failure is OptionsValidationException ? failure.Message : failure.ToString();
        Assert.Contains("Security:DataProtection:CertificatePath", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.DoesNotContain("pfx-password", message, StringComparison.Ordinal);
    }

    private static async Task<string> StoredKeysAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalKeyContext>();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(keys);
        return string.Concat(keys);
    }

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected .pfx in <paramref name="folder"/>.</summary>
    private static (string Path, string Password) Certificate(string folder, string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
