using AdminPortal.Authorization;
using AdminPortal.Components.Pages.Audit;
using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Components.Pages.Users;
using AdminPortal.Components.Tests.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Components.Tests.Authorization;

/// <summary>
/// The portal's cells of <see cref="AuthorizationMatrix"/> for the actors who are signed in and active, one test case per
/// actor: the real pages (tokens, audit, users) over the real token service. Each token is looked for by its GUID in the
/// address (every status, the whole tenant asked for); the own-token lifecycle is done for real through the page's dialogs;
/// /audit and /users are opened as typed. The demo: tenant A (Ada Admin, Uma User, Sam Reader) and tenant B (Gil Admin, and
/// Gina Globex, a user, so that Gil has another user's token of his tenant too). The routing cells (the 403 of /audit, the
/// anonymous visitor sent to sign in) are HTTP tests in AdminPortal.Tests; the deactivated user's open page is a browser test.
/// </summary>
public sealed class AuthorizationMatrixPortalTests : TokensPageTest
{
    /// <summary>Who plays the actor, and their targets: token names (own, another user's, another tenant's) and people.</summary>
    private sealed record Cast(PortalUser Person, string Own, string Other, string Foreign, string OtherUser, string ForeignUser)
    {
        public string Token(Target target) => target switch
        {
            Target.Own => Own,
            Target.SameTenantOther => Other,
            _ => Foreign,
        };

        public string User(Target target) => target switch
        {
            Target.Own => Person.DisplayName,
            Target.SameTenantOther => OtherUser,
            _ => ForeignUser,
        };
    }

    private static readonly Operation[] TokenOperations =
        [Operation.List, Operation.View, Operation.Edit, Operation.Revoke, Operation.Restore, Operation.Roll, Operation.Delete];

    private readonly Dictionary<string, Guid> _guids = [];

    [Theory]
    [InlineData(Actor.FullAdmin)]
    [InlineData(Actor.SecurityReader)]
    [InlineData(Actor.User)]
    [InlineData(Actor.OtherTenantUser)]
    public async Task Portal_answers_the_actors_cells_as_the_matrix_says(Actor actor)
    {
        var cast = await CastAsync(actor);
        var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == actor).ToList();
        var checkedCells = new HashSet<Cell>();

        // Tokens: each target by its GUID in the address, with every status and the whole tenant asked for.
        foreach (var target in Enum.GetValues<Target>())
        {
            var name = cast.Token(target);
            var cut = await OpenPageAsync(cast.Person, $"?guid={_guids[name]}&status=all&view=all");
            foreach (var cell in cells.Where(c => c.Target == target && TokenOperations.Contains(c.Operation)))
            {
                ExpectTokenCell(cut, cell, name);
                checkedCells.Add(cell);
            }
        }

        // Create: the form makes a token for the signed-in person only (it has no owner field); then the own token's
        // edit, revoke, restore, roll and delete, each through its dialog.
        var mine = $"Matrix {actor}";
        var page = await OpenPageAsync(cast.Person, "?status=all");
        await CreateThroughDialogAsync(page, mine);
        await LifecycleAsync(page, mine);
        checkedCells.UnionWith(cells.Where(c => c.Operation == Operation.Create
            || (c.Target == Target.Own && c.Operation is Operation.Edit or Operation.Revoke or Operation.Restore or Operation.Roll or Operation.Delete)));

        // A full admin (of either tenant) also revokes and restores another user's token of the tenant.
        if (AuthorizationMatrix.Of(Operation.Restore, actor, Target.SameTenantOther).Portal == PortalAnswer.Offered)
        {
            page = await OpenPageAsync(cast.Person, $"?guid={_guids[cast.Other]}&status=all");
            await ActAsync(page, cast.Other, "Revoke", "Revoke", $"Revoked '{cast.Other}'.");
            await ActAsync(page, cast.Other, "Restore", "Restore", $"Restored '{cast.Other}'.");
        }

        // The audit log, typed with each target's GUID as the token filter.
        foreach (var cell in cells.Where(c => c.Operation == Operation.Audit))
        {
            await ExpectAuditCellAsync(cell, _guids[cast.Token(cell.Target)]);
            checkedCells.Add(cell);
        }

        // The users page: who is listed, and who can be deactivated (with a real session: the page checks it on a refusal).
        await DisposeComponentsAsync();
        SignInWithSession(cast.Person);
        var users = Render<UsersPage>();
        foreach (var cell in cells.Where(c => c.Operation is Operation.Users or Operation.Deactivate))
        {
            ExpectUsersCell(users, cell, cast.User(cell.Target));
            checkedCells.Add(cell);
        }

        Assert.Equal(cells.Count, checkedCells.Count);
    }

    /// <summary>The tokens page at <paramref name="query"/> for <paramref name="person"/>, alone in the context.</summary>
    private async Task<IRenderedComponent<TokensPage>> OpenPageAsync(PortalUser person, string query)
    {
        // One page at a time: each page has its own dialog provider, and two would both show a dialog.
        await DisposeComponentsAsync();
        return Open(person, query);
    }

    private static void ExpectTokenCell(IRenderedComponent<TokensPage> cut, Cell cell, string name)
    {
        var action = cell.Operation switch
        {
            Operation.Edit => "Edit",
            Operation.Revoke => "Revoke",
            Operation.Roll => "Roll secret of",
            Operation.Delete => "Delete",
            _ => null,
        };
        switch (cell.Portal)
        {
            case PortalAnswer.Offered:
                Assert.Equal([name], Names(cut));
                if (action is not null)
                {
                    Assert.False(RowButton(cut, name, action).HasAttribute("disabled"), $"{cell}: {action} is disabled");
                }

                break;
            case PortalAnswer.Disabled:
                Assert.Equal([name], Names(cut));
                Assert.True(RowButton(cut, name, action!).HasAttribute("disabled"), $"{cell}: {action} is enabled");
                break;
            case PortalAnswer.Absent:
                Assert.Empty(Names(cut));
                Assert.Equal("0 matching tokens", Count(cut));
                Assert.DoesNotContain(name, cut.Markup, StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"{cell}: no check for {cell.Portal}");
                break;
        }
    }

    /// <summary>Creates <paramref name="name"/> through the create dialog, which offers no owner, and closes the reveal.</summary>
    private async Task CreateThroughDialogAsync(IRenderedComponent<TokensPage> cut, string name)
    {
        Button(cut.Find(".tokens-header"), "Create token")!.Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#token-name")));
        Assert.DoesNotContain(Dialog(cut).QuerySelectorAll("label"), l => l.TextContent.Trim() == "Owner");
        Assert.Empty(Dialog(cut).QuerySelectorAll("[aria-label='Owner']"));
        cut.Find("#token-name").Input(name);
        cut.Find("#scope-tokens-read").Change(true);
        cut.WaitForAssertion(() => Assert.False(Button(Dialog(cut), "Save")!.HasAttribute("disabled")));
        Button(Dialog(cut), "Save")!.Click();

        cut.WaitForAssertion(() => Assert.Contains($"Token '{name}' created", Dialog(cut).TextContent, StringComparison.Ordinal));
        Button(Dialog(cut), "Done")!.Click();
        await ExpectNoticeAsync(cut, $"Created '{name}'.");
    }

    /// <summary>Edit, revoke, restore, roll and delete of the actor's own new token, each through its dialog.</summary>
    private async Task LifecycleAsync(IRenderedComponent<TokensPage> cut, string name)
    {
        var renamed = name + " renamed";
        cut.WaitForAssertion(() => Assert.NotNull(RowButton(cut, name, "Edit")));
        RowButton(cut, name, "Edit").Click();
        cut.WaitForAssertion(() => Assert.Equal(name, cut.Find("#token-name").GetAttribute("value")));
        cut.Find("#token-name").Input(renamed);
        cut.WaitForAssertion(() => Assert.False(Button(Dialog(cut), "Save")!.HasAttribute("disabled")));
        Button(Dialog(cut), "Save")!.Click();
        await ExpectNoticeAsync(cut, $"Saved '{renamed}'.");

        await ActAsync(cut, renamed, "Revoke", "Revoke", $"Revoked '{renamed}'.");
        await ActAsync(cut, renamed, "Restore", "Restore", $"Restored '{renamed}'.");
        await ActAsync(cut, renamed, "Roll secret of", "Roll secret", $"Rolled the secret of '{renamed}'.");
        await ActAsync(cut, renamed, "Delete", "Delete", $"Deleted '{renamed}'.");
        cut.WaitForAssertion(() => Assert.DoesNotContain(renamed, Names(cut)));
    }

    /// <summary>Clicks the row action, confirms it in its dialog (closing the reveal of a roll) and waits for its notification.</summary>
    private async Task ActAsync(IRenderedComponent<TokensPage> cut, string name, string action, string confirm, string done)
    {
        cut.WaitForAssertion(() => Assert.False(RowButton(cut, name, action).HasAttribute("disabled")));
        RowButton(cut, name, action).Click();
        cut.WaitForAssertion(() => Assert.NotNull(Button(Dialog(cut), confirm)));
        Assert.Contains($"'{name}'", Dialog(cut).TextContent, StringComparison.Ordinal);
        Button(Dialog(cut), confirm)!.Click();
        if (action == "Roll secret of")
        {
            cut.WaitForAssertion(() => Assert.Contains($"New secret for '{name}'", Dialog(cut).TextContent, StringComparison.Ordinal));
            Button(Dialog(cut), "Done")!.Click();
        }

        await ExpectNoticeAsync(cut, done);
    }

    private async Task ExpectAuditCellAsync(Cell cell, Guid guid)
    {
        await DisposeComponentsAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/audit?token={guid:D}");
        if (cell.Portal == PortalAnswer.ForbiddenPage)
        {
            // The page's 403 status is an HTTP test (AdminPortal.Tests, AuditPageTests).
            var refused = Render<AuditPage>();
            Assert.Equal("Not allowed", refused.Find("h1").TextContent);
            Assert.Empty(refused.FindAll(".audit-table"));
            Assert.DoesNotContain(guid.ToString("D"), refused.Markup, StringComparison.OrdinalIgnoreCase);
            return;
        }

        var cut = Render<AuditPage>();
        var log = cut.FindComponent<AuditLogView>();
        await log.WaitForStateAsync(() => !log.Find(".audit-count > span").TextContent.StartsWith("Loading", StringComparison.Ordinal));
        var rows = log.FindAll(".audit-table tbody tr").Where(r => r.QuerySelector("time") is not null).ToList();
        switch (cell.Portal)
        {
            case PortalAnswer.Offered:
                Assert.NotEmpty(rows);
                Assert.Contains(guid.ToString("D"), rows[0].TextContent, StringComparison.OrdinalIgnoreCase);
                break;
            default:
                Assert.Equal(PortalAnswer.Absent, cell.Portal);
                Assert.Equal("0 entries", log.Find(".audit-count > span").TextContent.Trim());
                Assert.Empty(rows);
                break;
        }
    }

    private static void ExpectUsersCell(IRenderedComponent<UsersPage> cut, Cell cell, string person)
    {
        var row = cut.FindAll(".users-table tbody tr").SingleOrDefault(r => r.QuerySelector(".users-name")?.TextContent == person);
        var deactivate = cut.FindAll($"button[aria-label='Deactivate {person}']");
        switch (cell.Portal)
        {
            case PortalAnswer.ForbiddenPage:
                Assert.Contains("Only full admins manage the users of the organisation.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
                Assert.Empty(cut.FindAll("tr"));
                break;
            case PortalAnswer.Offered:
                Assert.NotNull(row);
                if (cell.Operation == Operation.Deactivate)
                {
                    Assert.False(Assert.Single(deactivate).HasAttribute("disabled"), $"{cell}: Deactivate is disabled");
                }

                break;
            case PortalAnswer.Disabled:
                Assert.Equal("You", row?.QuerySelector(".users-self")?.TextContent);
                Assert.Empty(deactivate);
                break;
            default:
                Assert.Equal(PortalAnswer.Absent, cell.Portal);
                Assert.NotEmpty(cut.FindAll(".users-table tbody tr"));
                Assert.Null(row);
                Assert.Empty(deactivate);
                break;
        }
    }

    /// <summary>The demo, a user of tenant B with a token of hers, the GUIDs of every token, and the actor's cast.</summary>
    private async Task<Cast> CastAsync(Actor actor)
    {
        var (ada, uma, sam) = await DemoAsync();
        var gil = OtherTenantAdmin!;
        var gina = await UserAsync(Role.User, tenant: "tenant-b", name: "Gina Globex");
        await CreateAsync(gina, "Globex report");
        foreach (var admin in new[] { ada, gil })
        {
            var all = await Tokens.QueryAsync(admin.Id, new() { AllOfTenant = true, Validity = [] }, Xunit.TestContext.Current.CancellationToken);
            foreach (var token in all.Value!.Items)
            {
                _guids[token.Name] = token.Id;
            }
        }

        return actor switch
        {
            Actor.FullAdmin => new(ada, "Terraform CI", "Laptop script", "Globex ingest", uma.DisplayName, gil.DisplayName),
            Actor.SecurityReader => new(sam, "Audit dashboard", "Terraform CI", "Globex ingest", uma.DisplayName, gil.DisplayName),
            Actor.User => new(uma, "Laptop script", "Terraform CI", "Globex ingest", sam.DisplayName, gil.DisplayName),
            Actor.OtherTenantUser => new(gil, "Globex ingest", "Globex report", "Laptop script", gina.DisplayName, ada.DisplayName),
            _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, "Not an active signed-in actor."),
        };
    }

    private static IElement RowButton(IRenderedComponent<TokensPage> cut, string name, string action) =>
        Button(Row(cut, name), $"{action} {name}") ?? throw new InvalidOperationException($"No '{action} {name}' button");

    /// <summary>
    /// Waits for the notification <paramref name="text"/>, then clears the notifications (MudBlazor shows five at most and
    /// queues the rest until one times out, which the test's clock never lets happen).
    /// </summary>
    private async Task ExpectNoticeAsync(IRenderedComponent<TokensPage> cut, string text)
    {
        cut.WaitForAssertion(() => Assert.Contains(text, Notices(cut), StringComparison.Ordinal));
        await cut.InvokeAsync(Services.GetRequiredService<ISnackbar>().Clear);
    }

    private static IElement Dialog(IRenderedComponent<TokensPage> cut) => cut.FindAll(".mud-dialog")[^1];

    private static string Notices(IRenderedComponent<TokensPage> cut) => string.Join("\n", cut.FindAll(".mud-snackbar").Select(s => s.TextContent));
}
