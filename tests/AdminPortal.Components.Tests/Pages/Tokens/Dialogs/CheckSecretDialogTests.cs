using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.Components.Tests.Pages.Tokens.Dialogs;

/// <summary>The "Check a secret" dialog: what the service says of a pasted secret, the revoke it offers, and that the field forgets.</summary>
public sealed class CheckSecretDialogTests : TokenDialogTest
{
    private readonly List<TokenView> _revoked = [];

    [Fact]
    public async Task A_live_tokens_secret_is_named_with_its_owner_and_guid_and_can_be_revoked_there()
    {
        var admin = await UserAsync(Role.FullAdmin);
        var owner = await UserAsync(name: "Dana");
        var token = await CreateAsync(owner, "deploy");
        await OpenAsync(admin);

        Dialog.QuerySelector("#check-secret-input")!.Input(token.Secret);
        Button("Check").Click();

        Host.WaitForAssertion(() => Assert.Contains("This is the secret of deploy, owned by Dana.", Dialog.TextContent, StringComparison.Ordinal));
        Assert.Contains(token.Token.Id.ToString(), Dialog.TextContent, StringComparison.Ordinal);
        Assert.Equal("", Dialog.QuerySelector("#check-secret-input")!.GetAttribute("value") ?? "");
        Assert.Equal("password", Dialog.QuerySelector("#check-secret-input")!.GetAttribute("type"));
        Button("Revoke it now").Click();
        Host.WaitForAssertion(() => Assert.Contains("Revoked: it is refused from the next call on.", Dialog.TextContent, StringComparison.Ordinal));
        Assert.Equal(TokenValidity.Revoked, Assert.Single(_revoked).Validity);
        Assert.Equal(TokenValidity.Revoked, (await Tokens.GetAsync(admin.Id, token.Token.Id)).Value!.Validity);
    }

    [Fact]
    public async Task An_unknown_or_malformed_secret_is_not_found_and_nothing_is_offered()
    {
        var admin = await UserAsync(Role.FullAdmin);
        await OpenAsync(admin);

        Dialog.QuerySelector("#check-secret-input")!.Input(new AdminPortal.Tokens.Secrets.TokenSecretFormat("adp").Generate());
        Button("Check").Click();
        Host.WaitForAssertion(() => Assert.Contains("No token of your organisation has this secret.", Dialog.TextContent, StringComparison.Ordinal));
        Dialog.QuerySelector("#check-secret-input")!.Input("adp_typo");
        Button("Check").Click();

        Host.WaitForAssertion(() => Assert.Contains("This is not a well-formed secret of this portal", Dialog.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Dialog.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Revoke it now");
    }

    private async Task OpenAsync(PortalUser user)
    {
        var context = await ContextAsync(user);
        await Host.InvokeAsync(() => TokenDialogs.CheckSecretAsync(Dialogs, context, EventCallback.Factory.Create<TokenView>(this, _revoked.Add)));
    }
}
