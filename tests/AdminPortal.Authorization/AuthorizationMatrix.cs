namespace AdminPortal.Authorization;

/// <summary>What an actor tries.</summary>
public enum Operation
{
    List,
    View,
    Create,
    Edit,
    Revoke,
    Restore,
    Roll,
    Delete,
    Audit,
    Users,
    Deactivate,
}

/// <summary>Who tries it. Tenant "Acme" is the home tenant; "Globex" is the other one.</summary>
public enum Actor
{
    /// <summary>A full admin of Acme (demo: Ada Admin).</summary>
    FullAdmin,

    /// <summary>A security reader of Acme (demo: Sam Reader).</summary>
    SecurityReader,

    /// <summary>A user of Acme (demo: Uma User).</summary>
    User,

    /// <summary>A user of another tenant: the strongest one, a full admin of Globex (demo: Gus Globex).</summary>
    OtherTenantUser,

    /// <summary>A user of Acme whom a full admin deactivated (demo: Uma User, deactivated by Ada Admin).</summary>
    DeactivatedUser,

    /// <summary>Nobody signed in: no portal session, no API token.</summary>
    Anonymous,
}

/// <summary>What it is tried on, relative to the actor (see <see cref="AuthorizationMatrix.TargetMeaning"/>).</summary>
public enum Target
{
    Own,
    SameTenantOther,
    OtherTenant,
}

/// <summary>What the product answers at the token service (the layer every caller goes through).</summary>
public enum Outcome
{
    /// <summary>Done, or shown.</summary>
    Allowed,

    /// <summary>A listing answers, but the target is left out of it: the listing's "not found".</summary>
    Hidden,

    /// <summary>NotFound: the actor may not see the target, so its existence does not leak (never "forbidden").</summary>
    NotFound,

    /// <summary>Forbidden: the actor's role (or ownership, or being the target) does not allow it.</summary>
    Forbidden,

    /// <summary>Forbidden "Your account is deactivated." (API: 403 "Permission denied"; portal: the deactivated page).</summary>
    Deactivated,

    /// <summary>No identity. Service: Forbidden "Unknown user."; API: 401; portal: sent to sign-in.</summary>
    Unauthenticated,
}

/// <summary>How the REST API answers a cell.</summary>
public enum ApiAnswer
{
    /// <summary>2xx and the target is in the answer (a create: the new token, owned by the target user; a delete: 204 and the token is gone).</summary>
    Ok,

    /// <summary>200 and the target is not in the answer.</summary>
    OkWithoutTarget,

    /// <summary>404 problem.</summary>
    NotFound,

    /// <summary>403 problem from the service (role).</summary>
    Forbidden,

    /// <summary>403 naming the scope: the actor's role cannot hold the scope the endpoint needs, so no token of theirs has it.</summary>
    MissingScope,

    /// <summary>403 "Permission denied": the token's owner is deactivated.</summary>
    PermissionDenied,

    /// <summary>401: no Authorization header.</summary>
    Unauthorized,

    /// <summary>The API offers no way to do this: every plausible request answers 404 or 405 and changes nothing.</summary>
    NoRoute,
}

/// <summary>How the portal (the Blazor pages in a browser) answers a cell.</summary>
public enum PortalAnswer
{
    /// <summary>The page shows the target or offers the action, and it works.</summary>
    Offered,

    /// <summary>The target is not on the page, even when its GUID is typed into the filter or the address: nothing to act on.</summary>
    Absent,

    /// <summary>The target is on the page but the action is disabled or replaced (roll of another's token; "You" instead of Deactivate).</summary>
    Disabled,

    /// <summary>The page is for full admins: a 403 "Not allowed" page (/audit) or the refusal in place of the list (/users).</summary>
    ForbiddenPage,

    /// <summary>No UI path and no URL leads there (the create form has no owner field); the service refuses it anyway.</summary>
    NotReachable,

    /// <summary>The open page goes to /signin/deactivated at its next action, and signing in again is refused.</summary>
    DeactivatedPage,

    /// <summary>Every page sends the visitor to /signin.</summary>
    SignIn,
}

/// <summary>One cell: an actor trying an operation on a target, with the expected answer at each layer.</summary>
public sealed record Cell(Operation Operation, Actor Actor, Target Target, Outcome Expected, string Reason)
{
    public ApiAnswer Api => AuthorizationMatrix.ApiAnswerOf(this);

    public PortalAnswer Portal => AuthorizationMatrix.PortalAnswerOf(this);

    /// <summary>A stable name for test cases, e.g. "View/User/SameTenantOther".</summary>
    public override string ToString() => $"{Operation}/{Actor}/{Target}";
}

/// <summary>
/// The product's authorization model, as data: every operation x actor x target with the expected answer of the
/// token service, and the rules that derive the REST API's and the portal's answers from it. The tests of the three
/// layers enumerate these cells; docs/authorization.md is rendered from them (and a test keeps it in step).
/// </summary>
public static class AuthorizationMatrix
{
    private const Outcome A = Outcome.Allowed;
    private const Outcome H = Outcome.Hidden;
    private const Outcome N = Outcome.NotFound;
    private const Outcome F = Outcome.Forbidden;
    private const Outcome D = Outcome.Deactivated;
    private const Outcome U = Outcome.Unauthenticated;

    /// <summary>What each target means for each operation.</summary>
    public static readonly IReadOnlyDictionary<Operation, (string Own, string SameTenantOther, string OtherTenant)> TargetMeaning =
        new Dictionary<Operation, (string, string, string)>
        {
            [Operation.List] = ("the actor's token appears in the widest list they may ask for",
                "another user's token appears in it (full admins: the tenant's list; others: their list, and asking for the tenant's list is Forbidden)",
                "another tenant's token appears in it"),
            [Operation.View] = ("read the actor's token by its GUID", "read another user's token by its GUID", "read another tenant's token by its GUID"),
            [Operation.Create] = ("create a token owned by the actor", "create a token owned by another user of the tenant",
                "create a token owned by a user of another tenant"),
            [Operation.Edit] = ("rename the actor's token", "rename another user's token", "rename another tenant's token"),
            [Operation.Revoke] = ("revoke the actor's token", "revoke another user's token", "revoke another tenant's token"),
            [Operation.Restore] = ("restore the actor's revoked token", "restore another user's revoked token", "restore another tenant's revoked token"),
            [Operation.Roll] = ("roll the actor's token", "roll another user's token", "roll another tenant's token"),
            [Operation.Delete] = ("delete the actor's token", "delete another user's token", "delete another tenant's token"),
            [Operation.Audit] = ("read the audit entries about the actor's token", "read the entries about another user's token",
                "read the entries about another tenant's token"),
            [Operation.Users] = ("the actor appears in the user list", "another user of the tenant appears in it", "a user of another tenant appears in it"),
            [Operation.Deactivate] = ("deactivate oneself", "deactivate another user of the tenant", "deactivate a user of another tenant"),
        };

    /// <summary>"Another user" is a User of the actor's tenant; "another tenant" is Globex for Acme's actors and Acme for Globex's.</summary>
    public const string Targets =
        "Targets are relative to the actor. *Own*: a token the actor owns (for users and deactivate: the actor). *Another user's*: a token " +
        "of a User of the actor's tenant (for users and deactivate: that user). *Another tenant's*: a token of a user of the other tenant " +
        "(Globex for Acme's actors, Acme for Globex's). The deactivated user's targets are their own token (created before deactivation), a " +
        "colleague's and Globex's; the anonymous visitor's are Uma's, Ada's and Globex's tokens.";

    private static readonly (Operation Operation, Actor Actor, Outcome Own, Outcome Other, Outcome Foreign, string Reason)[] Rows =
    [
        (Operation.List, Actor.FullAdmin, A, A, H, "full admins list their tenant's tokens"),
        (Operation.List, Actor.SecurityReader, A, H, H, "everyone else lists their own tokens"),
        (Operation.List, Actor.User, A, H, H, "everyone else lists their own tokens"),
        (Operation.List, Actor.OtherTenantUser, A, A, H, "a full admin of Globex lists Globex's tokens"),
        (Operation.List, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.List, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.View, Actor.FullAdmin, A, A, N, "full admins see their tenant's tokens; another tenant's is not found"),
        (Operation.View, Actor.SecurityReader, A, N, N, "another user's token is not found, so its existence does not leak"),
        (Operation.View, Actor.User, A, N, N, "another user's token is not found, so its existence does not leak"),
        (Operation.View, Actor.OtherTenantUser, A, A, N, "Acme's token is not found for Globex"),
        (Operation.View, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.View, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Create, Actor.FullAdmin, A, A, N, "full admins create tokens for active users of their tenant; another tenant's user is not found"),
        (Operation.Create, Actor.SecurityReader, A, F, F, "only full admins create tokens for someone else"),
        (Operation.Create, Actor.User, A, F, F, "only full admins create tokens for someone else"),
        (Operation.Create, Actor.OtherTenantUser, A, A, N, "an Acme user is not found for Globex's admin"),
        (Operation.Create, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Create, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Edit, Actor.FullAdmin, A, A, N, "full admins edit any token of their tenant"),
        (Operation.Edit, Actor.SecurityReader, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Edit, Actor.User, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Edit, Actor.OtherTenantUser, A, A, N, "Acme's token is not found for Globex"),
        (Operation.Edit, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Edit, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Revoke, Actor.FullAdmin, A, A, N, "full admins revoke any token of their tenant"),
        (Operation.Revoke, Actor.SecurityReader, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Revoke, Actor.User, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Revoke, Actor.OtherTenantUser, A, A, N, "Acme's token is not found for Globex"),
        (Operation.Revoke, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Revoke, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Restore, Actor.FullAdmin, A, A, N, "full admins restore any token of their tenant"),
        (Operation.Restore, Actor.SecurityReader, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Restore, Actor.User, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Restore, Actor.OtherTenantUser, A, A, N, "Acme's token is not found for Globex"),
        (Operation.Restore, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Restore, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Roll, Actor.FullAdmin, A, F, N, "only the owner rolls: a roll hands out a working secret"),
        (Operation.Roll, Actor.SecurityReader, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Roll, Actor.User, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Roll, Actor.OtherTenantUser, A, F, N, "only the owner rolls; Acme's token is not found for Globex"),
        (Operation.Roll, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Roll, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Delete, Actor.FullAdmin, A, A, N, "full admins delete any token of their tenant"),
        (Operation.Delete, Actor.SecurityReader, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Delete, Actor.User, A, N, N, "only their own tokens; another user's is not found"),
        (Operation.Delete, Actor.OtherTenantUser, A, A, N, "Acme's token is not found for Globex"),
        (Operation.Delete, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Delete, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Audit, Actor.FullAdmin, A, A, H, "full admins read their tenant's log"),
        (Operation.Audit, Actor.SecurityReader, A, H, H, "everyone else reads the entries of their own actions and about their tokens (fixed: readers read the whole tenant's log)"),
        (Operation.Audit, Actor.User, A, H, H, "everyone else reads the entries of their own actions and about their tokens"),
        (Operation.Audit, Actor.OtherTenantUser, A, A, H, "Globex's admin reads Globex's log only"),
        (Operation.Audit, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing"),
        (Operation.Audit, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Users, Actor.FullAdmin, A, A, H, "full admins list the users of their tenant"),
        (Operation.Users, Actor.SecurityReader, F, F, F, "only full admins list users"),
        (Operation.Users, Actor.User, F, F, F, "only full admins list users"),
        (Operation.Users, Actor.OtherTenantUser, A, A, H, "Globex's admin lists Globex's users only"),
        (Operation.Users, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing (fixed: answered as a role refusal)"),
        (Operation.Users, Actor.Anonymous, U, U, U, "no identity"),

        (Operation.Deactivate, Actor.FullAdmin, F, A, N, "full admins deactivate others of their tenant, never themselves"),
        (Operation.Deactivate, Actor.SecurityReader, F, F, F, "only full admins deactivate users"),
        (Operation.Deactivate, Actor.User, F, F, F, "only full admins deactivate users"),
        (Operation.Deactivate, Actor.OtherTenantUser, F, A, N, "an Acme user is not found for Globex's admin"),
        (Operation.Deactivate, Actor.DeactivatedUser, D, D, D, "a deactivated account can do nothing (fixed: answered as a role refusal)"),
        (Operation.Deactivate, Actor.Anonymous, U, U, U, "no identity"),
    ];

    /// <summary>Every cell: 11 operations x 6 actors x 3 targets.</summary>
    public static readonly IReadOnlyList<Cell> Cells =
    [
        .. Rows.SelectMany(r => new[]
        {
            new Cell(r.Operation, r.Actor, Target.Own, r.Own, r.Reason),
            new Cell(r.Operation, r.Actor, Target.SameTenantOther, r.Other, r.Reason),
            new Cell(r.Operation, r.Actor, Target.OtherTenant, r.Foreign, r.Reason),
        }),
    ];

    /// <summary>The one cell of an operation, actor and target.</summary>
    public static Cell Of(Operation operation, Actor actor, Target target) =>
        Cells.Single(c => c.Operation == operation && c.Actor == actor && c.Target == target);

    /// <summary>The portal's address that tries an operation on the token <paramref name="tokenId"/> (a GUID; /users for users and deactivate).</summary>
    public static string PortalAddress(Operation operation, string tokenId) => operation switch
    {
        Operation.Audit => $"/audit?token={tokenId}",
        Operation.Users or Operation.Deactivate => "/users",
        _ => $"/tokens?guid={tokenId}&status=all&view=all",
    };

    /// <summary>The API's endpoint for each operation, or null when the API offers none.</summary>
    public static string? ApiEndpoint(Operation operation) => operation switch
    {
        Operation.List => "GET /api/v1/tokens?status=any (full admins: &all=true)",
        Operation.View => "GET /api/v1/tokens/{guid}",
        Operation.Create => "POST /api/v1/tokens (another owner: \"ownerId\")",
        Operation.Edit => "PATCH /api/v1/tokens/{guid} with If-Match (or PUT)",
        Operation.Revoke => "POST /api/v1/tokens/{guid}/revoke",
        Operation.Restore => "POST /api/v1/tokens/{guid}/restore",
        Operation.Delete => "DELETE /api/v1/tokens/{guid}",
        Operation.Roll => "POST /api/v1/tokens/{guid}/rotate",
        Operation.Audit => "GET /api/v1/audit?token={guid}",
        _ => null,
    };

    /// <summary>The scope the API endpoint of an operation needs.</summary>
    public static string? ApiScope(Operation operation) => operation switch
    {
        Operation.List or Operation.View => "tokens:read",
        Operation.Create or Operation.Edit or Operation.Revoke or Operation.Restore or Operation.Delete or Operation.Roll => "tokens:write",
        Operation.Audit => "audit:read",
        _ => null,
    };

    /// <summary>The built-in scopes each actor's role holds (and so the most their API tokens can carry).</summary>
    public static IReadOnlyList<string> ScopesOf(Actor actor) => actor switch
    {
        Actor.FullAdmin or Actor.OtherTenantUser => ["tokens:read", "tokens:write", "audit:read", "alerts:read", "alerts:write", "introspect"],
        Actor.SecurityReader => ["tokens:read", "audit:read", "alerts:read", "introspect"],
        Actor.User or Actor.DeactivatedUser => ["tokens:read", "tokens:write", "alerts:read", "alerts:write"],
        _ => [],
    };

    /// <summary>The API's answer: no route, then authentication, then the endpoint's scope, then the service's answer.</summary>
    public static ApiAnswer ApiAnswerOf(Cell cell)
    {
        if (ApiEndpoint(cell.Operation) is null)
        {
            return ApiAnswer.NoRoute;
        }

        if (cell.Expected == Outcome.Unauthenticated)
        {
            return ApiAnswer.Unauthorized;
        }

        if (cell.Expected == Outcome.Deactivated)
        {
            return ApiAnswer.PermissionDenied;
        }

        if (!ScopesOf(cell.Actor).Contains(ApiScope(cell.Operation)!))
        {
            return ApiAnswer.MissingScope;
        }

        return cell.Expected switch
        {
            Outcome.Allowed => ApiAnswer.Ok,
            Outcome.Hidden => ApiAnswer.OkWithoutTarget,
            Outcome.NotFound => ApiAnswer.NotFound,
            _ => ApiAnswer.Forbidden,
        };
    }

    /// <summary>The portal's answer, from what its pages offer (see the rules in docs/authorization.md).</summary>
    public static PortalAnswer PortalAnswerOf(Cell cell)
    {
        if (cell.Expected == Outcome.Unauthenticated)
        {
            return PortalAnswer.SignIn;
        }

        if (cell.Expected == Outcome.Deactivated)
        {
            return PortalAnswer.DeactivatedPage;
        }

        var admin = cell.Actor is Actor.FullAdmin or Actor.OtherTenantUser;
        switch (cell.Operation)
        {
            case Operation.Audit or Operation.Users or Operation.Deactivate when !admin:
                // /audit and /users are full admins' pages (stricter than the service for the audit log).
                return PortalAnswer.ForbiddenPage;
            case Operation.Create when cell.Target != Target.Own:
                // The create form has no owner field: only the command line creates tokens for someone else.
                return PortalAnswer.NotReachable;
            case Operation.Deactivate when cell.Target == Target.OtherTenant:
                return PortalAnswer.Absent;
        }

        return cell.Expected switch
        {
            Outcome.Allowed => PortalAnswer.Offered,
            Outcome.Forbidden => PortalAnswer.Disabled,
            _ => PortalAnswer.Absent,
        };
    }
}
