using AdminPortal.Tokens.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Tests.Options;

public class NotificationOptionsTests
{
    private static readonly Dictionary<string, string?> Good = new()
    {
        ["Notifications:PortalUrl"] = "https://portal.example.com",
        ["Notifications:Smtp:Host"] = "smtp.example.com",
        ["Notifications:Smtp:Port"] = "587",
        ["Notifications:Smtp:Security"] = "StartTls",
        ["Notifications:Smtp:UserName"] = "portal",
        ["Notifications:Smtp:Password"] = "s3cret-password",
        ["Notifications:Smtp:From"] = "AdminPortal <portal@example.com>",
    };

    [Theory]
    [InlineData("Notifications:Smtp:Host", "not a host!", "Notifications:Smtp:Host must be a host name")]
    [InlineData("Notifications:Smtp:Port", "70000", "Notifications:Smtp:Port must be between 1 and 65535")]
    [InlineData("Notifications:Smtp:Security", "Tls13Please", "Notifications:Smtp:Security")]
    [InlineData("Notifications:Smtp:From", "portal at example", "Notifications:Smtp:From must be an e-mail address")]
    [InlineData("Notifications:Smtp:From", null, "Notifications:Smtp:From must be an e-mail address")]
    [InlineData("Notifications:Smtp:Password", null, "Notifications:Smtp:UserName and Notifications:Smtp:Password must be set together")]
    [InlineData("Notifications:PortalUrl", null, "Notifications:PortalUrl is required when e-mail is configured")]
    [InlineData("Notifications:PortalUrl", "portal.example.com", "Notifications:PortalUrl must be an absolute http(s) address")]
    [InlineData("Notifications:Interval", "00:00:00", "Notifications:Interval must be between")]
    [InlineData("Notifications:Smtp:Host", null, "Notifications:Smtp:Host is required when other Notifications:Smtp settings are set")]
    public void A_bad_notification_setting_stops_the_start_naming_the_setting_and_never_repeating_the_password(string key, string? value, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => Resolve(new Dictionary<string, string?>(Good) { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_settings_start_and_no_settings_mean_no_e_mail()
    {
        Assert.True(Resolve(Good).SendsMail);
        var none = Resolve([]);
        Assert.False(none.SendsMail);
        Assert.Equal(TimeSpan.FromMinutes(1), none.Interval);
        Assert.Equal("/tokens/3f2c9a5e-0000-0000-0000-000000000001", none.TokenLink(new Guid("3f2c9a5e-0000-0000-0000-000000000001")));
    }

    private static NotificationOptions Resolve(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging()
            .AddTokenDomain(Path.GetTempPath()).BuildServiceProvider();
        return services.GetRequiredService<IOptions<NotificationOptions>>().Value;
    }
}
