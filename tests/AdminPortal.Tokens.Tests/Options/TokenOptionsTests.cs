using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Options;

public class TokenOptionsTests
{
    [Fact]
    public void Built_in_roles_hold_what_the_design_says()
    {
        var catalog = new ScopeCatalog(new TokenOptions());

        Assert.Equal(catalog.All.Select(s => s.Name).Order(), catalog.ScopesOf(Role.FullAdmin).Order());
        Assert.DoesNotContain(catalog.ScopesOf(Role.SecurityReader), catalog.IsWrite);
        Assert.Contains("tokens:write", catalog.ScopesOf(Role.User));
        Assert.DoesNotContain("audit:read", catalog.ScopesOf(Role.User));
        Assert.Empty(catalog.Problems());
    }

    [Fact]
    public void Security_reader_configured_with_a_write_scope_is_refused_at_start()
    {
        var options = new TokenOptions { RoleScopes = { [Role.SecurityReader] = ["tokens:read", "tokens:write"] } };

        var result = new TokenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Tokens:RoleScopes:SecurityReader must hold read scopes only, but holds 'tokens:write'.", result.Failures!);
    }

    [Fact]
    public void Role_naming_an_unknown_scope_is_refused_at_start()
    {
        var options = new TokenOptions { RoleScopes = { [Role.User] = ["billing:write"] } };

        var result = new TokenOptionsValidator().Validate(null, options);

        Assert.Contains("Tokens:RoleScopes:User names the unknown scope 'billing:write'.", result.Failures!);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Weak_or_garbled_hash_key_is_refused_at_start(string key)
    {
        var result = new TokenOptionsValidator().Validate(null, new TokenOptions { HashKey = key });

        Assert.Contains("Tokens:HashKey must be base64 of at least 32 bytes.", result.Failures!);
    }

    [Fact]
    public async Task Configured_hash_key_makes_stored_hashes_keyed_and_tokens_still_verify()
    {
        var key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:HashKey"] = key });
        var owner = await world.UserAsync();

        var created = await world.CreateAsync(owner);

        var stored = (await world.StoredAsync(created.Token.Id))!;
        Assert.NotEqual(new AdminPortal.Tokens.Secrets.SecretHasher(null).Hash(created.Secret), stored.SecretHash);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public void Prefix_must_be_short_lower_case_letters()
    {
        var context = new System.ComponentModel.DataAnnotations.ValidationContext(new TokenOptions { SecretPrefix = "ADP_1" });
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(context.ObjectInstance, context, errors, true));
        Assert.Contains(errors, e => e.ErrorMessage == "Tokens:SecretPrefix must be 2-10 lower-case letters.");
    }
}
