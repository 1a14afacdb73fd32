using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tests.Components.Pages.Tokens;

public sealed class TokenFormTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 13, 0, 0, TimeSpan.Zero);
    private static readonly ScopeCatalog Catalog = new(new TokenOptions());
    private static readonly IReadOnlySet<string> UserScopes = Catalog.ScopesOf(Role.User);
    private static readonly BrowserTime Berlin = new BrowserTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    [Fact]
    public void A_new_form_has_a_fresh_GUID_that_can_be_regenerated()
    {
        var form = TokenForm.ForCreate(Berlin);
        var first = form.Id;

        form.RegenerateId();

        Assert.NotEqual(Guid.Empty, first);
        Assert.NotEqual(first, form.Id);
        Assert.Equal(form.Id, form.ToDraft().Id);
    }

    [Fact]
    public void An_empty_form_cannot_be_saved_and_says_why_beside_name_and_scopes()
    {
        var problems = TokenForm.ForCreate(Berlin).Problems(Catalog, UserScopes, Now, TimeSpan.FromMinutes(1));

        Assert.Equal([("Name", "Name is required."), ("Scopes", "Choose at least one scope.")], problems.Select(p => (p.Field, p.Message)));
    }

    [Fact]
    public void The_form_uses_the_service_rules_for_dates_in_the_browser_zone()
    {
        var form = Filled(TokenForm.ForCreate(Berlin));
        form.ValidFrom = new DateTime(2026, 11, 29, 13, 30, 0); // 12:30 UTC: half an hour ago
        form.ValidTo = new DateTime(2026, 11, 29, 13, 0, 0);

        var problems = form.Problems(Catalog, UserScopes, Now, TimeSpan.FromMinutes(1));

        Assert.Equal(["Valid from cannot be in the past."], problems.Select(p => p.Message));

        form.ValidFrom = new DateTime(2026, 12, 1, 9, 0, 0);
        form.ValidTo = new DateTime(2026, 12, 1, 8, 0, 0);
        Assert.Equal(["Valid to must be after valid from."], form.Problems(Catalog, UserScopes, Now, TimeSpan.FromMinutes(1)).Select(p => p.Message));
    }

    [Fact]
    public void A_scope_the_user_does_not_hold_is_refused_with_the_service_message()
    {
        var form = Filled(TokenForm.ForCreate(Berlin));
        form.Scopes = ["audit:read"];

        var problem = Assert.Single(form.Problems(Catalog, UserScopes, Now, TimeSpan.Zero));

        Assert.Equal(TokenErrorCode.ScopeNotHeld, problem.Code);
    }

    [Fact]
    public void The_draft_carries_UTC_instants_of_the_local_times()
    {
        var form = Filled(TokenForm.ForCreate(Berlin));
        form.ValidFrom = new DateTime(2026, 12, 1, 9, 0, 0);
        form.ValidTo = new DateTime(2027, 7, 1, 9, 0, 0);

        var draft = form.ToDraft();

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), draft.ValidFrom);
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 7, 0, 0, TimeSpan.Zero), draft.ValidTo);
        Assert.Equal("deploy bot", draft.Name);
        Assert.Equal(["tokens:read"], draft.Scopes);
        Assert.Empty(form.Problems(Catalog, UserScopes, Now, TimeSpan.Zero));
    }

    [Fact]
    public void An_edit_form_is_filled_from_the_token_and_sends_untouched_dates_back_exactly()
    {
        // 01:30 local on 25 Oct 2026 happens twice in Berlin; an untouched date must not move by an hour.
        var ambiguous = new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero);
        var token = View(validFrom: ambiguous, validTo: Now.AddDays(30));

        var form = TokenForm.ForEdit(token, Berlin);
        var draft = form.ToDraft();

        Assert.True(form.IsEdit);
        Assert.Equal(token.Id, form.Id);
        Assert.Equal("old name", form.Name);
        Assert.Equal(["introspect"], form.Scopes);
        Assert.Null(draft.Id);
        Assert.Equal(ambiguous, draft.ValidFrom);
        Assert.Equal(token.ValidTo, draft.ValidTo);
        Assert.Empty(form.Problems(Catalog, UserScopes, Now, TimeSpan.Zero));
    }

    [Fact]
    public void Editing_cannot_regenerate_the_GUID()
    {
        var form = TokenForm.ForEdit(View(null, null), Berlin);
        var id = form.Id;

        form.RegenerateId();

        Assert.Equal(id, form.Id);
    }

    [Fact]
    public void Loading_the_token_again_takes_the_other_persons_change_and_forgets_the_refusal()
    {
        var form = TokenForm.ForEdit(View(null, null), Berlin);
        form.Name = "my change";
        form.ServerError = new TokenError(TokenErrorCode.Conflict, "Someone else changed this token.");

        form.Load(View(null, null) with { Name = "their change", Version = 2, Description = "theirs" });

        Assert.Equal("their change", form.Name);
        Assert.Equal("theirs", form.Description);
        Assert.Equal(2, form.Original!.Version);
        Assert.Null(form.ServerError);
    }

    [Fact]
    public void Days_before_today_in_the_browser_zone_are_not_selectable()
    {
        var tokyo = new BrowserTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

        // 20:00 UTC on 29 November is already 30 November in Tokyo.
        Assert.Equal(new DateTime(2026, 11, 30), TokenForm.ForCreate(tokyo).FirstSelectableDay(Now.AddHours(7)));
        Assert.Equal(new DateTime(2026, 11, 29), TokenForm.ForCreate(Berlin).FirstSelectableDay(Now.AddHours(7)));
    }

    private static TokenForm Filled(TokenForm form)
    {
        form.Name = "deploy bot";
        form.Scopes = ["tokens:read"];
        return form;
    }

    private static TokenView View(DateTimeOffset? validFrom, DateTimeOffset? validTo) => new()
    {
        Id = Guid.NewGuid(),
        Name = "old name",
        Description = "",
        Scopes = ["introspect"],
        OwnerId = Guid.NewGuid(),
        OwnerName = "Uma User",
        TenantId = Guid.NewGuid(),
        CreatedById = Guid.NewGuid(),
        CreatedAt = Now.AddDays(-60),
        ValidFrom = validFrom,
        ValidTo = validTo,
        Validity = TokenValidity.Valid,
        Usage = TokenUsage.Generated,
        Version = 1,
    };
}
