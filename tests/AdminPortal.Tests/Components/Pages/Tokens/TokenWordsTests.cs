using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using MudBlazor;

namespace AdminPortal.Tests.Components.Pages.Tokens;

/// <summary>Badges, confirmation texts and the reveal's example: what the page says.</summary>
public sealed class TokenWordsTests
{
    private static readonly TokenView Token = new()
    {
        Id = Guid.NewGuid(), Name = "Terraform CI", Description = "", Scopes = ["tokens:read"], OwnerId = Guid.NewGuid(), OwnerName = "Ada Admin",
        TenantId = Guid.NewGuid(), CreatedById = Guid.NewGuid(), CreatedAt = DateTimeOffset.UnixEpoch, Validity = TokenValidity.Valid,
        Usage = TokenUsage.Generated, Version = 1,
    };

    [Fact]
    public void Every_validity_has_its_own_text_colour_and_meaning()
    {
        var badges = Enum.GetValues<TokenValidity>().Select(TokenBadges.For).ToList();

        Assert.Equal(["Scheduled", "Active", "Expired", "Revoked", "Suspended"], badges.Select(b => b.Text));
        Assert.Equal(badges.Count, badges.Select(b => b.Color).Distinct().Count());
        Assert.All(badges, b => Assert.False(string.IsNullOrWhiteSpace(b.Meaning)));
        Assert.Equal(Color.Success, TokenBadges.For(TokenValidity.Valid).Color);
        Assert.Equal(Color.Error, TokenBadges.For(TokenValidity.Revoked).Color);
    }

    [Fact]
    public void Usage_badges_name_the_configured_window()
    {
        var week = TimeSpan.FromDays(7);

        Assert.Equal("Generated", TokenBadges.For(TokenUsage.Generated, week).Text);
        Assert.Equal("Used in the last 7 days.", TokenBadges.For(TokenUsage.Active, week).Meaning);
        Assert.Equal("Used, but not in the last 36 hours.", TokenBadges.For(TokenUsage.Inactive, TimeSpan.FromHours(36)).Meaning);
        Assert.Equal("1 day", TokenBadges.Window(TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Every_confirmation_names_the_token_and_destructive_ones_say_so()
    {
        foreach (var action in Enum.GetValues<TokenAction>())
        {
            var texts = TokenActionTexts.For(action, Token);

            Assert.Contains("'Terraform CI'", texts.Question, StringComparison.Ordinal);
            Assert.Contains("'Terraform CI'", texts.Done, StringComparison.Ordinal);
            Assert.Contains("'Terraform CI'", texts.Failed, StringComparison.Ordinal);
            Assert.Equal(action != TokenAction.Restore, texts.Destructive);
        }

        Assert.Equal("Revoke", TokenActionTexts.For(TokenAction.Revoke, Token).ConfirmText);
        Assert.Equal("Delete", TokenActionTexts.For(TokenAction.Delete, Token).ConfirmText);
    }

    [Fact]
    public void The_one_time_secret_is_gone_once_cleared_and_never_in_its_text()
    {
        var secret = new OneTimeSecret(new CreatedToken(Token, "adp_secretvalue"), rolled: true);

        Assert.Equal("adp_secretvalue", secret.Value);
        Assert.DoesNotContain("adp_secretvalue", secret.ToString(), StringComparison.Ordinal);
        Assert.True(secret.Rolled);

        secret.Clear();

        Assert.True(secret.IsCleared);
        Assert.Equal("", secret.Value);
    }

    [Fact]
    public void The_example_calls_the_API_of_this_portal_with_the_secret_from_a_variable()
    {
        var example = ApiExample.For("https://portal.example/");

        Assert.Equal("https://portal.example/api/v1", example.BaseUrl);
        Assert.Equal("curl -H \"Authorization: Bearer $ADMINPORTAL_TOKEN\" \\\n     https://portal.example/api/v1/me", example.Curl);
    }
}
