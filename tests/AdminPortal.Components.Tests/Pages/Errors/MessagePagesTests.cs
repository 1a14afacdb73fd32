using System.Diagnostics;
using AdminPortal.Components.Pages.Errors;
using AdminPortal.Components.Pages.SignIn;
using AdminPortal.Components.Shared;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Tests.Pages.Errors;

/// <summary>The static pages that only explain: not found, error, deactivated, not allowed.</summary>
public sealed class MessagePagesTests : PortalComponentTest
{
    [Fact]
    public void Not_found_page_says_so_and_leads_back_to_the_start()
    {
        var cut = Render<NotFoundPage>();

        Assert.Equal("Page not found", cut.Find("h1").TextContent);
        Assert.Contains("There is nothing at this address.", cut.Markup);
        Assert.Equal("Back to the start page", cut.Find("a[href='./']").TextContent.Trim());
    }

    [Fact]
    public void Error_page_gives_the_request_id_to_quote_and_no_details()
    {
        using var activity = new Activity("request").Start();

        var cut = Render<ErrorPage>();

        Assert.Equal("Something went wrong", cut.Find("h1").TextContent);
        Assert.Equal(activity.Id, cut.Find(".message-page-id code").TextContent);
        Assert.Equal("Back to the start page", cut.Find("a[href='./']").TextContent.Trim());
    }

    [Fact]
    public void Deactivated_page_explains_what_happened_and_what_to_do()
    {
        var cut = Render<DeactivatedPage>();

        Assert.Equal("Your account is deactivated", cut.Find("h1").TextContent);
        Assert.Contains("\"permission denied\"", cut.Markup);
        Assert.Contains("Ask an administrator of your organisation to reactivate your account.", cut.Markup);
        Assert.Equal("signin", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public async Task Access_denied_names_the_person_and_their_role_and_offers_their_tokens()
    {
        SignIn(await UserAsync(Role.User, name: "Uma User"));

        var cut = Render<AccessDenied>();

        Assert.Equal("Not allowed", cut.Find("h1").TextContent);
        Assert.Contains("This page is for full admins.", cut.Markup);
        Assert.Contains("You are signed in as Uma User, User in TENANT-A.", cut.Markup);
        Assert.Equal("tokens", cut.Find("a").GetAttribute("href"));
    }
}
