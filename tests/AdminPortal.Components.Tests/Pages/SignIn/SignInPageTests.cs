using AdminPortal.Components.Pages.SignIn;
using AdminPortal.SignIn.Oidc;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.Components.Tests.Pages.SignIn;

/// <summary>The environment and the identity provider's settings the sign-in page decides on.</summary>
public abstract class SignInPageTest : PortalComponentTest
{
    protected abstract string EnvironmentName { get; }

    protected abstract string? Authority { get; }

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(EnvironmentName));
        services.Configure<OidcOptions>(o => o.Authority = Authority);
        services.AddSingleton<AntiforgeryStateProvider, TestAntiforgery>();
    }

    protected IRenderedComponent<SignInPage> Open(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<SignInPage>();
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "AdminPortal";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class TestAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("antiforgery-value", "__RequestVerificationToken");
    }
}

/// <summary>Development without an identity provider: the demo people, each a form.</summary>
public sealed class DevelopmentSignInPageTests : SignInPageTest
{
    protected override string EnvironmentName => Environments.Development;

    protected override string? Authority => null;

    [Fact]
    public void Development_sign_in_is_marked_as_such()
    {
        var note = Open("/signin").Find("[role=note]");

        Assert.Contains("Development sign-in", note.TextContent);
        Assert.Contains("refused everywhere else", note.TextContent);
    }

    [Theory]
    [InlineData("Acme Corp", "Ada Admin", "demo-admin", "Full admin")]
    [InlineData("Acme Corp", "Uma User", "demo-user", "User")]
    [InlineData("Acme Corp", "Sam Reader", "demo-reader", "Security reader")]
    [InlineData("Globex", "Gus Globex", "demo-globex", "Full admin")]
    public void Each_demo_person_is_a_form_posting_to_the_development_sign_in_with_role_and_tenant(string tenant, string name, string subject, string role)
    {
        var cut = Open("/signin");

        var button = Section(cut, tenant).QuerySelectorAll("button[type=submit]")
            .Single(b => b.QuerySelector(".signin-name")!.TextContent == $"Sign in as {name}");
        var form = button.Closest("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/signin/dev", form.GetAttribute("action"));
        Assert.Equal(subject, form.QuerySelector("input[name=subject]")!.GetAttribute("value"));
        Assert.Equal("antiforgery-value", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal(role, button.QuerySelector(".signin-role")!.TextContent);
        var description = cut.Find($"#{button.GetAttribute("aria-describedby")}").TextContent;
        Assert.Contains($"{role} in {tenant}", description);
    }

    [Fact]
    public void Demo_people_are_grouped_by_organisation()
    {
        var cut = Open("/signin");

        Assert.Equal(3, Section(cut, "Acme Corp").QuerySelectorAll("button[type=submit]").Length);
        Assert.Single(Section(cut, "Globex").QuerySelectorAll("button[type=submit]"));
        Assert.Empty(cut.FindAll("a.provider-signin"));
    }

    [Fact]
    public void Return_address_is_carried_into_every_form()
    {
        var cut = Open("/signin?ReturnUrl=%2Faudit%3Fpage%3D2");

        var returns = cut.FindAll("input[name=returnUrl]");
        Assert.Equal(4, returns.Count);
        Assert.All(returns, r => Assert.Equal("/audit?page=2", r.GetAttribute("value")));
    }

    [Fact]
    public void A_return_address_of_another_site_is_dropped()
    {
        var cut = Open("/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.All(cut.FindAll("input[name=returnUrl]"), r => Assert.DoesNotContain("evil", r.GetAttribute("value"), StringComparison.Ordinal));
    }

    private static IElement Section(IRenderedComponent<SignInPage> cut, string tenant) =>
        cut.FindAll("section.signin-tenant").Single(s => s.QuerySelector("h2")!.TextContent.Trim() == tenant);
}

/// <summary>Production with the organisation's identity provider: one way in, and what happened to the last attempt.</summary>
public sealed class ProviderSignInPageTests : SignInPageTest
{
    protected override string EnvironmentName => Environments.Production;

    protected override string? Authority => "https://id.example";

    [Fact]
    public void Sign_in_goes_to_the_identity_provider_with_the_return_address_and_no_demo_people()
    {
        var cut = Open("/signin?ReturnUrl=%2Faudit");

        var link = cut.Find("a.provider-signin");
        Assert.Equal("Sign in with your organisation", link.TextContent.Trim());
        Assert.Equal("/signin/oidc?returnUrl=%2Faudit", link.GetAttribute("href"));
        // A real navigation: the redirect to the provider must not be fetched by enhanced navigation.
        Assert.Equal("false", link.GetAttribute("data-enhance-nav"));
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("[role=note]"));
    }

    [Fact]
    public void A_failed_attempt_is_explained_above_the_button()
    {
        var cut = Open("/signin?error=NoRole");

        Assert.Contains("Your account has no role in AdminPortal.", cut.Find("[role=status]").TextContent);
        Assert.NotNull(cut.Find("a.provider-signin"));
    }

    [Fact]
    public void After_signing_out_the_page_says_so()
    {
        var cut = Open("/signin?signedOut=true");

        Assert.Equal("You are signed out.", cut.Find("[role=status]").TextContent.Trim());
    }
}

/// <summary>Production without an identity provider: nobody can sign in, and the page says why.</summary>
public sealed class UnconfiguredSignInPageTests : SignInPageTest
{
    protected override string EnvironmentName => Environments.Production;

    protected override string? Authority => null;

    [Fact]
    public void Without_a_provider_outside_development_no_way_in_is_offered()
    {
        var cut = Open("/signin");

        Assert.Contains("Sign-in through your organisation's identity provider is not configured.", cut.Markup);
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("a.provider-signin"));
    }
}
