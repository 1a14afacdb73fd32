using System.Globalization;
using System.Text;

namespace AdminPortal.Authorization;

/// <summary>Renders <see cref="AuthorizationMatrix"/> as docs/authorization.md (a test fails when the checked-in file differs).</summary>
public static class AuthorizationDocument
{
    /// <summary>The path of the document, relative to the repository root.</summary>
    public const string RelativePath = "docs/authorization.md";

    public static string Render()
    {
        var cells = AuthorizationMatrix.Cells;
        var operations = Enum.GetValues<Operation>();
        var actors = Enum.GetValues<Actor>();
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# Authorization model");
        Line();
        Line("<!-- Generated from tests/AdminPortal.Authorization/AuthorizationMatrix.cs by AuthorizationDocument.Render();");
        Line("     AuthorizationDocumentTests fails when this file differs. Change the matrix, then copy the rendered text here. -->");
        Line();
        Line("Who may do what in AdminPortal: every operation, tried by every kind of actor on their own token (or self), another");
        Line("user's and another tenant's, with the answer of each layer. The token service decides (`TokenService`, `UserService`,");
        Line("`AuditLog`); the REST API and the portal only call it, and may offer less, never more.");
        Line();
        var size = $"{operations.Length} operations x {actors.Length} actors x {Enum.GetValues<Target>().Length} targets = **{cells.Count} cells**";
        var noRoute = cells.Count(c => c.Api == ApiAnswer.NoRoute);
        Line(Invariant($"**Size:** {size}. Asserted: service layer {cells.Count} (`AuthorizationMatrixServiceTests`), REST API {cells.Count} (`AuthorizationMatrixApiTests`; {noRoute} of them \"the API offers no way\"), portal {cells.Count} (where each actor's are asserted: [The portal](#the-portal))."));
        Line();
        Line("## Actors");
        Line();
        Line("- **FullAdmin**: a full admin of Acme (demo: Ada Admin).");
        Line("- **SecurityReader**: a security reader of Acme (demo: Sam Reader); read scopes only.");
        Line("- **User**: a user of Acme (demo: Uma User).");
        Line("- **OtherTenantUser**: a user of another tenant, taken as the strongest kind: a full admin of Globex (demo: Gus Globex).");
        Line("- **DeactivatedUser**: a user of Acme deactivated by a full admin, with their session and API token from before.");
        Line("- **Anonymous**: no portal session, no API token.");
        Line();
        Line("## Targets");
        Line();
        Line(AuthorizationMatrix.Targets);
        Line();
        Line("| operation | own | another user's (same tenant) | another tenant's |");
        Line("|---|---|---|---|");
        foreach (var operation in operations)
        {
            var (own, other, foreign) = AuthorizationMatrix.TargetMeaning[operation];
            Line($"| {Name(operation)} | {own} | {other} | {foreign} |");
        }

        Line();
        Line("## Answers");
        Line();
        Line("| service | meaning | REST API | portal |");
        Line("|---|---|---|---|");
        Line("| Allowed | done, or shown | 200 with the target | offered and works |");
        Line("| Hidden | a listing answers without the target (the listing's \"not found\") | 200 without the target | absent, even by GUID in the address |");
        Line("| NotFound | `TokenErrorCode.NotFound`: the actor may not see it, and its existence does not leak; never \"forbidden\" | 404 | absent, even by GUID in the address |");
        Line("| Forbidden | `TokenErrorCode.Forbidden`: role, ownership (roll) or self (deactivate) | 403 | action disabled, or the page refuses |");
        Line("| Deactivated | `Forbidden` \"Your account is deactivated.\" | 403 \"Permission denied\" | the open page goes to /signin/deactivated; sign-in refused |");
        Line("| Unauthenticated | no identity: the service answers `Forbidden` \"Unknown user.\" | 401 | sent to /signin |");
        Line();
        Line("In the tables below each cell reads *service* / *API* / *portal*.");
        Line();
        Line("## The matrix");
        foreach (var operation in operations)
        {
            Line();
            Line($"### {Name(operation)}");
            Line();
            Line(AuthorizationMatrix.ApiEndpoint(operation) is { } endpoint
                ? $"API: `{endpoint}` (scope `{AuthorizationMatrix.ApiScope(operation)}`)."
                : "API: none; the API offers no way to do this (404/405).");
            Line();
            Line("| actor | own | another user's | another tenant's | why |");
            Line("|---|---|---|---|---|");
            foreach (var actor in actors)
            {
                var row = Enum.GetValues<Target>().Select(t => AuthorizationMatrix.Of(operation, actor, t)).ToList();
                Line($"| {actor} | {string.Join(" | ", row.Select(Text))} | {row[0].Reason} |");
            }
        }

        Line();
        Line("## The REST API");
        Line();
        Line("The API acts as the token's owner, with that token's effective scopes. An actor's API token carries every scope their role");
        Line("holds; so a security reader's token can never hold `tokens:write` and a user's never `audit:read` (403 naming the scope,");
        Line("whatever the target). Order of the checks: route, authentication (401), owner deactivated (403 \"Permission denied\"),");
        Line("scope (403), then the token service. Operations without an endpoint (create, edit, restore, delete, users, deactivate)");
        Line("are tried with the requests a client would guess (`POST /api/v1/tokens`, `PUT`/`PATCH`/`DELETE /api/v1/tokens/{guid}`,");
        Line("`POST /api/v1/tokens/{guid}/restore`, `GET /api/v1/users`, `POST /api/v1/users/{id}/deactivate`): each answers");
        Line("404 or 405 and changes nothing.");
        Line("Rotate (`POST /api/v1/tokens/{guid}/rotate`, the roll) needs `tokens:write`, except that a token may rotate itself without");
        Line("it (the path's GUID is the calling token's); the matrix's calls use another token of the actor, so a security reader's");
        Line("token is refused for the scope. Either way only the token's owner may roll it, as in the portal.");
        Line();
        Line("## The portal");
        Line();
        Line("- **list / view**: `/tokens` (full admins: the tenant's tokens; others: their own). There is no page per token: viewing is");
        Line("  finding the row, also by GUID (`/tokens?guid=<guid>&status=all&view=all`). A token the actor may not see is absent");
        Line("  however it is asked for, so edit, revoke, restore, roll and delete of it are not reachable either: the page acts only on");
        Line("  rows the service returned.");
        Line("- **create**: the create form makes a token for the signed-in person; it has no owner field, so creating for someone else is");
        Line("  **not reachable from the portal** (the command line's `tokens create --owner` does it, as the tenant's operator).");
        Line("- **roll**: offered to the owner only; a full admin sees another user's token with Roll disabled.");
        Line("- **audit**: `/audit` is a full admins' page; everyone else gets the 403 \"Not allowed\" page (the service and the API let");
        Line("  them read the entries about their own tokens; the portal offers it to full admins only). `/audit?token=<guid>` of another");
        Line("  tenant's token shows no entries.");
        Line("- **users / deactivate**: `/users` is a full admins' page (others see the refusal); the admin's own row says \"You\" instead");
        Line("  of Deactivate; a user of another tenant is not listed, so deactivating them is not reachable.");
        Line("- **deactivated user**: their open page leaves for /signin/deactivated at the next action; signing in again is refused.");
        Line("- **anonymous**: every page (`/tokens`, `/tokens?guid=...`, `/audit`, `/users`) sends the visitor to /signin.");
        Line();
        Line("Where the portal cells are asserted: each test enumerates every cell of its actors.");
        Line();
        Line("| actor | portal cells | asserted by |");
        Line("|---|---|---|");
        foreach (var actor in actors)
        {
            Line(Invariant($"| {actor} | {cells.Count(c => c.Actor == actor)} | {PortalTestOf(actor)} |"));
        }

        return md.ToString();
    }

    /// <summary>
    /// The test that asserts an actor's portal cells, and at which level: component tests where the page's behaviour is
    /// the point, HTTP where routing decides, a real browser only where a live circuit is needed.
    /// </summary>
    public static string PortalTestOf(Actor actor) => actor switch
    {
        Actor.Anonymous => "`AuthorizationMatrixPageTests`: HTTP requests to the portal in process (routing sends to /signin)",
        Actor.DeactivatedUser => "`AuthorizationMatrixBrowserTests`: a real browser (the open page's live circuit leaves at the next action)",
        _ => "`AuthorizationMatrixPortalTests`: the real pages rendered with bUnit over the real token service",
    };

    private static string Text(Cell cell)
    {
        var api = cell.Api switch
        {
            ApiAnswer.Ok => "200",
            ApiAnswer.OkWithoutTarget => "200 without it",
            ApiAnswer.NotFound => "404",
            ApiAnswer.Forbidden => "403",
            ApiAnswer.MissingScope => "403 scope",
            ApiAnswer.PermissionDenied => "403 denied",
            ApiAnswer.Unauthorized => "401",
            _ => "no way",
        };
        var portal = cell.Portal switch
        {
            PortalAnswer.Offered => "offered",
            PortalAnswer.Absent => "absent",
            PortalAnswer.Disabled => "disabled",
            PortalAnswer.ForbiddenPage => "page refused",
            PortalAnswer.NotReachable => "not reachable from the portal",
            PortalAnswer.DeactivatedPage => "deactivated page",
            _ => "sign-in",
        };
        var service = cell.Expected == Outcome.Allowed ? "**Allowed**" : cell.Expected.ToString();
        return $"{service} / {api} / {portal}";
    }

    private static string Name(Operation operation) => operation.ToString().ToLowerInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
