using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Model;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.Tests.SignIn;

public sealed class OidcOptionsValidatorTests
{
    private static OidcOptions Complete() => new()
    {
        Authority = "https://login.example.com/realms/acme",
        ClientId = "adminportal",
        ClientSecret = "secret",
        TenantClaim = "tenant",
        RoleValues = { [Role.FullAdmin] = ["portal-admins"] },
    };

    private static IEnumerable<string> Problems(OidcOptions options, string environment = "Production") =>
        new OidcOptionsValidator(new Environment(environment)).Validate(null, options).Failures ?? [];

    [Fact]
    public void Complete_settings_pass()
    {
        Assert.Empty(Problems(Complete()));
    }

    [Fact]
    public void No_provider_passes_only_in_development()
    {
        Assert.Empty(Problems(new OidcOptions(), "Development"));
        Assert.Contains("No sign-in is configured", Assert.Single(Problems(new OidcOptions())), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_authority_needs_require_https_metadata_off()
    {
        var options = Complete();
        options.Authority = "http://127.0.0.1:8080";

        Assert.Contains("Authentication:Oidc:Authority must use https", Assert.Single(Problems(options)), StringComparison.Ordinal);
        options.RequireHttpsMetadata = false;
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void Both_or_neither_tenant_setting_is_refused()
    {
        var both = Complete();
        both.FixedTenant = "acme";
        var neither = Complete();
        neither.TenantClaim = null;

        Assert.Contains("Set exactly one of Authentication:Oidc:TenantClaim", Assert.Single(Problems(both)), StringComparison.Ordinal);
        Assert.Contains("Set exactly one of Authentication:Oidc:TenantClaim", Assert.Single(Problems(neither)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusing_unmapped_people_without_any_mapped_role_is_refused()
    {
        var options = Complete();
        options.RoleValues.Clear();

        Assert.Contains("No role is mapped", Assert.Single(Problems(options)), StringComparison.Ordinal);
        options.UnmappedUsers = UnmappedUserPolicy.User;
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void Large_clock_skew_and_bad_paths_are_refused()
    {
        var options = Complete();
        options.ClockSkew = TimeSpan.FromMinutes(30);
        options.CallbackPath = "signin-oidc";

        Assert.Equal(2, Problems(options).Count());
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "AdminPortal";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
