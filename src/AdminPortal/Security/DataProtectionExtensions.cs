using AdminPortal.Tokens;
using AdminPortal.Tokens.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Security;

/// <summary>Where the keys of the portal's cookies live: see <see cref="PortalDataProtectionOptions"/>.</summary>
public static class DataProtectionExtensions
{
    /// <summary>
    /// Keeps the key ring in the portal's database (so a restart or another node still reads every cookie), under the
    /// configured application name, encrypted with the configured certificate if there is one. Left to the framework's
    /// default, the keys would live in the home folder or die with a container, and every restart would sign everyone out.
    /// </summary>
    public static IHostApplicationBuilder AddPortalDataProtection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddOptions<PortalDataProtectionOptions>().BindConfiguration(PortalDataProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalDataProtectionOptions>, PortalDataProtectionOptionsValidator>();
        services.AddDbContext<PortalKeyContext>((sp, options) =>
        {
            TokenDomainRegistration.UseStore(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot);
        });

        // First of all hosted services: see KeyStoreMigrator.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, KeyStoreMigrator>());
        var protection = services.AddDataProtection().PersistKeysToDbContext<PortalKeyContext>();
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<PortalDataProtectionOptions>>(
            (options, settings) => options.ApplicationDiscriminator = settings.Value.ApplicationName);

        // The encryptor is set up here, from the configuration as it is now; a certificate that cannot be used is left
        // out here and stops the start in PortalDataProtectionOptionsValidator, with the setting named.
        var settings = builder.Configuration.GetSection(PortalDataProtectionOptions.Section).Get<PortalDataProtectionOptions>() ?? new();
        if (TryLoad(settings) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate);
        }

        return builder;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2? TryLoad(PortalDataProtectionOptions settings)
    {
        try
        {
            return File.Exists(settings.CertificatePath) ? settings.LoadCertificate() : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
