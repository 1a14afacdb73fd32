using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

/// <summary>TokenRules.Problems: the same rules as Validate, every field at once, for forms that validate as the user types.</summary>
public class TokenRulesProblemsTests
{
    private static readonly ScopeCatalog Catalog = new(new TokenOptions());
    private static readonly DateTimeOffset Now = TokenWorld.Start;
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);
    private static readonly IReadOnlySet<string> UserScopes = Catalog.ScopesOf(Role.User);

    [Fact]
    public void A_valid_draft_has_no_problems_and_Validate_accepts_it()
    {
        var draft = Draft("deploy bot", ["tokens:read"], Now.AddHours(1), Now.AddDays(30));

        Assert.Empty(TokenRules.Problems(draft, Catalog, UserScopes, Now, Skew));
        Assert.True(TokenRules.Validate(draft, Catalog, UserScopes, Now, Skew).Succeeded);
    }

    [Fact]
    public void An_empty_draft_names_the_missing_name_and_scopes()
    {
        var problems = TokenRules.Problems(new TokenDraft(), Catalog, UserScopes, Now, Skew);

        Assert.Equal([("Name", "Name is required."), ("Scopes", "Choose at least one scope.")], problems.Select(p => (p.Field, p.Message)));
    }

    [Fact]
    public void Every_field_reports_its_own_problem_and_the_first_is_what_Validate_refuses_with()
    {
        var draft = new TokenDraft
        {
            Name = new string('n', 101),
            Description = "bad\u202Etext",
            Scopes = ["audit:read"],
            ValidFrom = Now.AddDays(2),
            ValidTo = Now.AddDays(1),
        };

        var problems = TokenRules.Problems(draft, Catalog, UserScopes, Now, Skew);

        Assert.Equal(["Name", "Description", "Scopes", "ValidTo"], problems.Select(p => p.Field));
        Assert.Equal(TokenErrorCode.ScopeNotHeld, problems[2].Code);
        Assert.Equal("Valid to must be after valid from.", problems[3].Message);
        Assert.Equal(problems[0], TokenRules.Validate(draft, Catalog, UserScopes, Now, Skew).Error);
    }

    [Fact]
    public void Past_dates_are_refused_with_the_clock_skew_allowed()
    {
        var justNow = Draft("t", ["tokens:read"], Now - TimeSpan.FromSeconds(30), null);
        var past = Draft("t", ["tokens:read"], null, Now.AddMinutes(-2));

        Assert.Empty(TokenRules.Problems(justNow, Catalog, UserScopes, Now, Skew));
        Assert.Equal("Valid to cannot be in the past.", Assert.Single(TokenRules.Problems(past, Catalog, UserScopes, Now, Skew)).Message);
    }

    [Fact]
    public void On_edit_unchanged_past_dates_and_kept_scopes_are_no_problem_but_new_ones_are()
    {
        var current = View(validFrom: Now.AddDays(-3), scopes: ["introspect"]);
        var unchanged = Draft("t", ["introspect"], current.ValidFrom, null);
        var moved = Draft("t", ["introspect", "audit:read"], Now.AddDays(-2), null);

        Assert.Empty(TokenRules.Problems(unchanged, Catalog, UserScopes, Now, Skew, current));
        var problems = TokenRules.Problems(moved, Catalog, UserScopes, Now, Skew, current);
        Assert.Equal(["Scopes", "ValidFrom"], problems.Select(p => p.Field));
    }

    [Fact]
    public void On_edit_valid_to_must_follow_creation_when_there_is_no_valid_from()
    {
        var current = View(validFrom: null, scopes: ["tokens:read"], createdAt: Now.AddDays(-1));

        var problems = TokenRules.Problems(Draft("t", ["tokens:read"], null, Now.AddDays(-2)), Catalog, UserScopes, Now, Skew, current);

        Assert.Equal(["Valid to cannot be in the past."], problems.Select(p => p.Message));
    }

    private static TokenDraft Draft(string name, string[] scopes, DateTimeOffset? from, DateTimeOffset? to) =>
        new() { Name = name, Scopes = scopes, ValidFrom = from, ValidTo = to };

    private static TokenView View(DateTimeOffset? validFrom, string[] scopes, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = "t",
        Description = "",
        Scopes = scopes,
        OwnerId = Guid.NewGuid(),
        OwnerName = "Owner",
        TenantId = Guid.NewGuid(),
        CreatedById = Guid.NewGuid(),
        CreatedAt = createdAt ?? Now.AddDays(-10),
        ValidFrom = validFrom,
        Validity = TokenValidity.Valid,
        Usage = TokenUsage.Generated,
        Version = 1,
    };
}
