using AdminPortal.Tokens.Model;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// Stops the portal at start when sign-in cannot work: outside Development a provider is required, and a configured
/// provider must be complete. Every message names the configuration key to set.
/// </summary>
internal sealed class OidcOptionsValidator(IHostEnvironment environment) : IValidateOptions<OidcOptions>
{
    private const string Key = OidcOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.IsConfigured)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"No sign-in is configured. Outside the Development environment the portal signs people in through an OpenID Connect " +
                    $"provider: set {Key}Authority, {Key}ClientId, {Key}ClientSecret and {Key}TenantClaim (or {Key}FixedTenant), " +
                    $"and map roles with {Key}RoleValues:FullAdmin, :SecurityReader and :User. See the README, \"Connecting an identity provider\".");
        }

        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(OidcOptions options)
    {
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return $"{Key}Authority must be an absolute URL, for example https://login.example.com/realms/acme.";
        }
        else if (authority.Scheme != "https" && options.RequireHttpsMetadata)
        {
            yield return $"{Key}Authority must use https (set {Key}RequireHttpsMetadata to false only for a provider on this machine).";
        }

        foreach (var (value, setting) in new[] { (options.ClientId, "ClientId"), (options.ClientSecret, "ClientSecret") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{Key}{setting} is required when {Key}Authority is set.";
            }
        }

        if (string.IsNullOrWhiteSpace(options.TenantClaim) == string.IsNullOrWhiteSpace(options.FixedTenant))
        {
            yield return $"Set exactly one of {Key}TenantClaim (the claim that carries the tenant) and {Key}FixedTenant (one tenant for everyone).";
        }

        foreach (var (path, setting) in new[] { (options.CallbackPath, "CallbackPath"), (options.SignedOutCallbackPath, "SignedOutCallbackPath") })
        {
            if (path is not ['/', _, ..] || path.Contains('?', StringComparison.Ordinal))
            {
                yield return $"{Key}{setting} must be a path such as /signin-oidc.";
            }
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            yield return $"{Key}RoleClaim must name the claim that carries roles or groups.";
        }

        if (options.UnmappedUsers == UnmappedUserPolicy.Refuse && Enum.GetValues<Role>().All(r => options.ValuesOf(r).Count == 0))
        {
            yield return $"No role is mapped, so nobody could sign in: set {Key}RoleValues:FullAdmin (and :SecurityReader, :User) " +
                $"to values of the '{options.RoleClaim}' claim, or set {Key}UnmappedUsers to User.";
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            yield return $"{Key}ClockSkew must be between 00:00:00 and 00:05:00.";
        }

        if (options.MetadataRefreshInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{Key}MetadataRefreshInterval must be at least one second.";
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(10) || options.RefreshInterval > TimeSpan.FromHours(12))
        {
            yield return $"{Key}RefreshInterval must be between 00:00:10 and 12:00:00.";
        }
    }
}
