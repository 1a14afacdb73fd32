using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AdminPortal.Authorization;
using AdminPortal.Browser.Tests.Components.Layout;
using AdminPortal.Browser.Tests.Components.Pages.Audit;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;

namespace AdminPortal.Browser.Tests.Authorization;

/// <summary>
/// The cells of <see cref="AuthorizationMatrix"/> in the portal, one signed-in session per actor: each operation is tried
/// through the UI where the UI offers it, and by crafting what it never offered (another user's or tenant's token GUID in
/// the address, /audit and /users typed directly). The demo data: Acme (Ada Admin, Uma User, Sam Reader) and Globex (Gus).
/// </summary>
public sealed class AuthorizationMatrixBrowserTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<IReadOnlyDictionary<string, string>>>> Guids = new();

    /// <summary>Who plays each actor, their token for list/view/audit, another user's of their tenant, and another tenant's.</summary>
    internal static (string Person, string Own, string? Other, string Foreign, string OtherUser, string ForeignUser) Cast(Actor actor) => actor switch
    {
        Actor.FullAdmin => (DevelopmentSignIn.Admin, "Terraform CI", "Laptop script", "Globex ingest", DevelopmentSignIn.User, DevelopmentSignIn.OtherTenantAdmin),
        Actor.SecurityReader => (DevelopmentSignIn.Reader, "Audit dashboard", "Terraform CI", "Globex ingest", DevelopmentSignIn.User, DevelopmentSignIn.OtherTenantAdmin),
        Actor.User or Actor.DeactivatedUser => (DevelopmentSignIn.User, "Laptop script", "Terraform CI", "Globex ingest", DevelopmentSignIn.Reader, DevelopmentSignIn.OtherTenantAdmin),
        Actor.OtherTenantUser => (DevelopmentSignIn.OtherTenantAdmin, "Globex ingest", null, "Laptop script", "", DevelopmentSignIn.Admin),
        _ => ("", "Laptop script", "Terraform CI", "Globex ingest", DevelopmentSignIn.Admin, DevelopmentSignIn.OtherTenantAdmin),
    };

    [Theory]
    [InlineData(Actor.FullAdmin)]
    [InlineData(Actor.SecurityReader)]
    [InlineData(Actor.User)]
    [InlineData(Actor.OtherTenantUser)]
    public async Task Portal_answers_the_actors_cells_as_the_matrix_says(Actor actor)
    {
        var guids = await DemoGuidsAsync();
        var cast = Cast(actor);
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, cast.Person);
        var page = tokens.Page;
        var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == actor && AuthorizationDocument.BrowserCovers(c)).ToList();
        var checkedCells = new HashSet<Cell>();

        // Tokens: find each target by its GUID in the address (with every status, and the whole tenant asked for).
        foreach (var target in Enum.GetValues<Target>())
        {
            var name = NameOf(cast, target);
            if (name is null)
            {
                continue;
            }

            await page.GotoAsync($"/tokens?guid={guids[name]}&status=all&view=all");
            await tokens.WaitForListAsync();
            foreach (var cell in cells.Where(c => c.Target == target && c.Operation is Operation.List or Operation.View
                         or Operation.Edit or Operation.Revoke or Operation.Roll or Operation.Delete or Operation.Restore))
            {
                await ExpectTokenCellAsync(tokens, cell, name);
                checkedCells.Add(cell);
            }
        }

        // Create for oneself, then edit, revoke, restore, roll and delete it: the own-token cells, done for real.
        var mine = $"Matrix {actor}";
        await page.GotoAsync("/tokens?status=all");
        await tokens.WaitForListAsync();
        await tokens.OpenCreateAsync();
        await Assertions.Expect(tokens.Dialog.GetByLabel("Owner")).ToHaveCountAsync(0);
        await tokens.FillFormAsync(mine, ["tokens:read"]);
        await tokens.SaveAsync();
        await tokens.ReadSecretAndCloseAsync();
        await LifecycleAsync(tokens, mine);
        checkedCells.UnionWith(cells.Where(c => c.Operation == Operation.Create
            || (c.Target == Target.Own && c.Operation is Operation.Edit or Operation.Revoke or Operation.Restore or Operation.Roll or Operation.Delete)));

        // A full admin also revokes and restores another user's token of the tenant.
        if (AuthorizationMatrix.Of(Operation.Restore, actor, Target.SameTenantOther).Portal == PortalAnswer.Offered && cast.Other is { } other)
        {
            await page.GotoAsync($"/tokens?guid={guids[other]}&status=all");
            await tokens.WaitForListAsync();
            await tokens.ClickRowActionAsync(other, "Revoke");
            await tokens.ConfirmAsync("Revoke", other);
            await tokens.ExpectNotificationAsync($"Revoked '{other}'.");
            await tokens.ClickRowActionAsync(other, "Restore");
            await tokens.ConfirmAsync("Restore", other);
            await tokens.ExpectNotificationAsync($"Restored '{other}'.");
        }

        // The audit log: the full admins' page, its token filter set by hand to each target's GUID.
        foreach (var cell in cells.Where(c => c.Operation == Operation.Audit))
        {
            await ExpectAuditCellAsync(page, cell, guids[NameOf(cast, cell.Target)!]);
            checkedCells.Add(cell);
        }

        // The users page, typed directly: who is listed, and who can be deactivated.
        foreach (var cell in cells.Where(c => c.Operation is Operation.Users or Operation.Deactivate))
        {
            await ExpectUsersCellAsync(page, cell, cell.Target switch
            {
                Target.Own => cast.Person,
                Target.SameTenantOther => cast.OtherUser,
                _ => cast.ForeignUser,
            });
            checkedCells.Add(cell);
        }

        Assert.Equal(cells.Count, checkedCells.Count);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_every_operations_address()
    {
        var guids = await DemoGuidsAsync();
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await context.NewPageAsync();
        var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == Actor.Anonymous).ToList();
        Assert.All(cells, c => Assert.Equal(PortalAnswer.SignIn, c.Portal));

        // One visit per distinct address (several cells share one: /users serves users and deactivate).
        foreach (var visit in cells.GroupBy(c => AddressOf(c, guids[NameOf(Cast(Actor.Anonymous), c.Target)!])))
        {
            await ExpectClosedAsync(page, visit.First(), visit.Key, "/signin");
        }
    }

    [Fact]
    public async Task Deactivated_users_open_page_leaves_at_the_next_action_and_no_operation_opens_for_them()
    {
        var guids = await DemoGuidsAsync();
        await using var uma = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        await using var ada = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);

        // Ada deactivates Uma from her own session (the FullAdmin/Deactivate/SameTenantOther cell, done for real), and
        // reactivates her at the end, as the other tests of this portal play Uma too.
        Assert.Equal(PortalAnswer.Offered, AuthorizationMatrix.Of(Operation.Deactivate, Actor.FullAdmin, Target.SameTenantOther).Portal);
        await ChangeUmaAsync(ada.Page, "Deactivate", "Deactivated");
        try
        {
            // Uma's open page: her next action takes her to the deactivated page instead.
            await uma.Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First.ClickAsync();
            await Assertions.Expect(uma.Page).ToHaveURLAsync(new Regex("/signin/deactivated$"));

            // Every operation, by its address with each target's GUID: nothing opens.
            var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == Actor.DeactivatedUser).ToList();
            Assert.All(cells, c => Assert.Equal(PortalAnswer.DeactivatedPage, c.Portal));
            foreach (var visit in cells.GroupBy(c => AddressOf(c, guids[NameOf(Cast(Actor.DeactivatedUser), c.Target)!])))
            {
                await ExpectClosedAsync(uma.Page, visit.First(), visit.Key, "/signin");
            }

            // Signing in again is refused.
            await uma.Page.GotoAsync("/signin");
            await uma.Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {DevelopmentSignIn.User}" }).ClickAsync();
            await Assertions.Expect(uma.Page).ToHaveURLAsync(new Regex("/signin/deactivated$"));
        }
        finally
        {
            await ChangeUmaAsync(ada.Page, "Reactivate", "Active");
        }
    }

    private static async Task ChangeUmaAsync(IPage admin, string action, string status)
    {
        await admin.GotoAsync("/users");
        await Assertions.Expect(admin.Locator(".users-page[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await admin.GetByRole(AriaRole.Button, new() { Name = $"{action} {DevelopmentSignIn.User}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr", new() { Has = admin.GetByText(DevelopmentSignIn.User, new() { Exact = true }) }))
            .ToContainTextAsync(status);
    }

    /// <summary>The crafted address of a cell ends on <paramref name="landing"/>, with none of the target's data.</summary>
    internal static async Task ExpectClosedAsync(IPage page, Cell cell, string address, string landing)
    {
        var response = await page.GotoAsync(address);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing) + "(\\?|$)"));
        Assert.True(response is { Ok: true }, $"{cell}: {address} answered {response?.Status}");
        Assert.DoesNotContain("matching token", await page.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>The address that tries a cell's operation on a token GUID in the portal.</summary>
    internal static string AddressOf(Cell cell, string guid) => cell.Operation switch
    {
        Operation.Audit => $"/audit?token={guid}",
        Operation.Users or Operation.Deactivate => "/users",
        _ => $"/tokens?guid={guid}&status=all&view=all",
    };

    internal static string? NameOf((string Person, string Own, string? Other, string Foreign, string OtherUser, string ForeignUser) cast, Target target) =>
        target switch
        {
            Target.Own => cast.Own,
            Target.SameTenantOther => cast.Other,
            _ => cast.Foreign,
        };

    private static async Task ExpectTokenCellAsync(TokensPageDriver tokens, Cell cell, string name)
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
                await Assertions.Expect(tokens.Row(name)).ToHaveCountAsync(1);
                if (action is not null)
                {
                    await Assertions.Expect(tokens.RowAction(name, action)).ToBeEnabledAsync();
                }

                break;
            case PortalAnswer.Disabled:
                await Assertions.Expect(tokens.Row(name)).ToHaveCountAsync(1);
                await Assertions.Expect(tokens.RowAction(name, action!)).ToBeDisabledAsync();
                break;
            case PortalAnswer.Absent:
                await tokens.ExpectNamesAsync();
                await Assertions.Expect(tokens.Page.Locator("body")).Not.ToContainTextAsync(name);
                break;
            default:
                Assert.Fail($"{cell}: no check for {cell.Portal}");
                break;
        }
    }

    /// <summary>Edit, revoke, restore, roll and delete of the actor's own new token, each through its dialog.</summary>
    private static async Task LifecycleAsync(TokensPageDriver tokens, string name)
    {
        var renamed = name + " renamed";
        await tokens.ClickRowActionAsync(name, "Edit");
        await tokens.Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(renamed);
        await tokens.SaveAsync();
        await tokens.ExpectNotificationAsync($"Saved '{renamed}'.");

        await tokens.ClickRowActionAsync(renamed, "Revoke");
        await tokens.ConfirmAsync("Revoke", renamed);
        await tokens.ExpectNotificationAsync($"Revoked '{renamed}'.");
        await tokens.ClickRowActionAsync(renamed, "Restore");
        await tokens.ConfirmAsync("Restore", renamed);
        await tokens.ExpectNotificationAsync($"Restored '{renamed}'.");

        await tokens.ClickRowActionAsync(renamed, "Roll secret of");
        await tokens.ConfirmAsync("Roll secret", renamed);
        await tokens.ReadSecretAndCloseAsync();
        await tokens.ExpectNotificationAsync($"Rolled the secret of '{renamed}'.");

        await tokens.ClickRowActionAsync(renamed, "Delete");
        await tokens.ConfirmAsync("Delete", renamed);
        await tokens.ExpectNotificationAsync($"Deleted '{renamed}'.");
        await Assertions.Expect(tokens.Row(renamed)).ToHaveCountAsync(0);
    }

    private static async Task ExpectAuditCellAsync(IPage page, Cell cell, string guid)
    {
        var response = await page.GotoAsync($"/audit?token={guid}");
        var audit = new AuditLogPage(page);
        switch (cell.Portal)
        {
            case PortalAnswer.Offered:
                await audit.WaitUntilLoadedAsync();
                await Assertions.Expect(audit.Rows.First).ToContainTextAsync(guid);
                break;
            case PortalAnswer.Absent:
                await audit.WaitUntilLoadedAsync();
                await Assertions.Expect(audit.Count).ToHaveTextAsync("0 entries");
                break;
            default:
                Assert.Equal(PortalAnswer.ForbiddenPage, cell.Portal);
                Assert.Equal(403, response?.Status);
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(guid);
                break;
        }
    }

    private static async Task ExpectUsersCellAsync(IPage page, Cell cell, string person)
    {
        if (!page.Url.EndsWith("/users", StringComparison.Ordinal))
        {
            await page.GotoAsync("/users");
        }

        var row = page.Locator("tr", new() { Has = page.GetByText(person, new() { Exact = true }) });
        var deactivate = page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {person}" });
        switch (cell.Portal)
        {
            case PortalAnswer.ForbiddenPage:
                await Assertions.Expect(page.GetByText("Only full admins manage the users of the organisation.")).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
                await Assertions.Expect(page.Locator("tr")).ToHaveCountAsync(0);
                break;
            case PortalAnswer.Offered:
                await Assertions.Expect(page.Locator(".users-page[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
                await Assertions.Expect(row).ToHaveCountAsync(1);
                if (cell.Operation == Operation.Deactivate)
                {
                    await Assertions.Expect(deactivate).ToBeEnabledAsync();
                }

                break;
            case PortalAnswer.Disabled:
                await Assertions.Expect(row).ToContainTextAsync("You");
                await Assertions.Expect(deactivate).ToHaveCountAsync(0);
                break;
            default:
                Assert.Equal(PortalAnswer.Absent, cell.Portal);
                await Assertions.Expect(page.Locator(".users-page[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
                await Assertions.Expect(page.Locator("tr").Nth(1)).ToBeVisibleAsync();
                await Assertions.Expect(row).ToHaveCountAsync(0);
                await Assertions.Expect(deactivate).ToHaveCountAsync(0);
                break;
        }
    }

    private Task<IReadOnlyDictionary<string, string>> DemoGuidsAsync() => DemoGuidsAsync(chromium, portal);

    /// <summary>The GUIDs of the demo tokens, read once per portal from what each tenant's full admin sees.</summary>
    internal static Task<IReadOnlyDictionary<string, string>> DemoGuidsAsync(Chromium chromium, RunningPortal portal) =>
        Guids.GetOrAdd(portal.BaseAddress, _ => new Lazy<Task<IReadOnlyDictionary<string, string>>>(async () =>
        {
            var guids = new Dictionary<string, string>();
            foreach (var (person, names) in new[]
            {
                (DevelopmentSignIn.Admin, new[] { "Terraform CI", "Laptop script", "Audit dashboard" }),
                (DevelopmentSignIn.OtherTenantAdmin, new[] { "Globex ingest" }),
            })
            {
                await using var admin = await TokensPageDriver.OpenAsync(chromium, portal, person, "?status=all");
                foreach (var name in names)
                {
                    guids[name] = await admin.GuidOfAsync(name);
                }
            }

            return guids;
        })).Value;
}
