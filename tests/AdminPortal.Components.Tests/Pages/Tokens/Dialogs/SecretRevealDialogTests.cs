using AdminPortal.Components.Pages.Tokens;

namespace AdminPortal.Components.Tests.Pages.Tokens.Dialogs;

/// <summary>The one-time reveal: the secret with Copy, where and how to call the API, and a deliberate Done.</summary>
public sealed class SecretRevealDialogTests : TokenDialogTest
{
    [Fact]
    public async Task The_reveal_shows_the_secret_the_token_and_an_API_example_that_reads_the_secret_from_a_variable()
    {
        var user = await UserAsync();
        var created = await CreateAsync(user, "Nightly export");
        var context = await ContextAsync(user);

        await Host.InvokeAsync(() => TokenDialogs.RevealAsync(Dialogs, context, new OneTimeSecret(created, rolled: false)));

        Assert.Equal("Token 'Nightly export' created", Dialog.QuerySelector(".mud-dialog-title")!.TextContent.Trim());
        Assert.Contains("This is the only time it is shown.", Dialog.TextContent, StringComparison.Ordinal);
        var secret = Dialog.QuerySelector("#reveal-secret")!;
        Assert.Equal(created.Secret, secret.GetAttribute("value"));
        Assert.True(secret.HasAttribute("readonly"));
        // No Blazor event handler on the secret's field: Blazor would send its value back to the server with every event.
        Assert.DoesNotContain(secret.Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal));
        Assert.Equal("Secret", Dialog.QuerySelector("label[for='reveal-secret']")!.TextContent.Trim());
        Assert.Contains(created.Token.Id.ToString(), Dialog.QuerySelector("#reveal-secret-help")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("http://portal.test/api/v1", Dialog.QuerySelector("#reveal-api")!.GetAttribute("value"));
        var example = Dialog.QuerySelector("pre")!.TextContent;
        Assert.Contains("export ADMINPORTAL_TOKEN='<the secret above>'", example, StringComparison.Ordinal);
        Assert.Contains("curl -H \"Authorization: Bearer $ADMINPORTAL_TOKEN\"", example, StringComparison.Ordinal);
        Assert.Contains("http://portal.test/api/v1/me", example, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, example, StringComparison.Ordinal);
        Assert.NotNull(Button("Copy"));
        Assert.NotNull(Button("Done"));
    }

    [Fact]
    public async Task Copy_copies_the_secret_from_the_page_and_says_so_without_the_secret()
    {
        var user = await UserAsync();
        var created = await CreateAsync(user);
        var context = await ContextAsync(user);
        Module.Setup<bool>("copyInput", "reveal-secret").SetResult(true);
        await Host.InvokeAsync(() => TokenDialogs.RevealAsync(Dialogs, context, new OneTimeSecret(created, rolled: false)));

        Button("Copy").Click();

        Module.VerifyInvoke("copyInput");
        Host.WaitForAssertion(() => Assert.Contains("Copied the secret.", Host.Markup, StringComparison.Ordinal));
        Assert.All(Module.Invocations, call => Assert.DoesNotContain(created.Secret, call.Arguments.Select(a => a?.ToString())));
    }

    [Fact]
    public async Task A_copy_the_browser_refuses_asks_the_person_to_copy_it_themselves()
    {
        var user = await UserAsync();
        var created = await CreateAsync(user);
        var context = await ContextAsync(user);
        Module.Setup<bool>("copyInput", "reveal-secret").SetResult(false);
        await Host.InvokeAsync(() => TokenDialogs.RevealAsync(Dialogs, context, new OneTimeSecret(created, rolled: false)));

        Button("Copy").Click();

        Host.WaitForAssertion(() => Assert.Contains("Could not copy the secret. Select the text and copy it yourself.", Host.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rolled_secret_is_titled_as_new_and_the_reveal_ends_only_with_done_not_with_a_click_beside_it()
    {
        var user = await UserAsync();
        var created = await CreateAsync(user, "Rotation test");
        var context = await ContextAsync(user);
        var closed = await Host.InvokeAsync(() => TokenDialogs.RevealAsync(Dialogs, context, new OneTimeSecret(created, rolled: true)));
        Assert.Equal("New secret for 'Rotation test'", Dialog.QuerySelector(".mud-dialog-title")!.TextContent.Trim());

        Host.Find(".mud-overlay").Click();

        Assert.False(closed.IsCompleted);
        Assert.NotEmpty(Host.FindAll("#reveal-secret"));

        Button("Done").Click();

        await closed.WaitAsync(Xunit.TestContext.Current.CancellationToken);
        ExpectNoDialog();
        Assert.DoesNotContain(created.Secret, Host.Markup, StringComparison.Ordinal);
    }
}
