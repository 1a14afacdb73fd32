using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Service;

public class TokenStatusTests
{
    [Fact]
    public async Task Token_is_scheduled_then_valid_then_expired_as_time_passes()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        var token = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id,
            TokenWorld.Draft() with { ValidFrom = now.AddDays(1), ValidTo = now.AddDays(2) })).Token;

        Assert.Equal(TokenValidity.Scheduled, token.Validity);
        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TokenValidity.Valid, (await ViewAsync(world, owner, token)).Validity);
        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TokenValidity.Expired, (await ViewAsync(world, owner, token)).Validity);
    }

    [Fact]
    public async Task Token_without_dates_is_valid_from_creation_forever()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner)).Token;

        world.Clock.Advance(TimeSpan.FromDays(3650));

        var view = await ViewAsync(world, owner, token);
        Assert.Equal((TokenValidity.Valid, true, token.CreatedAt), (view.Validity, view.IsActive, view.ActiveFrom));
        Assert.Null(view.EffectiveValidTo);
    }

    [Fact]
    public async Task Tokens_of_a_deactivated_owner_are_suspended_and_return_when_reactivated()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner)).Token;

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, owner.Id));
        Assert.Equal(TokenValidity.Suspended, (await ViewAsync(world, admin, token)).Validity);
        TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, owner.Id));
        Assert.Equal(TokenValidity.Valid, (await ViewAsync(world, admin, token)).Validity);
    }

    [Fact]
    public async Task Usage_is_generated_then_active_then_inactive_after_seven_days()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        Assert.Equal(TokenUsage.Generated, created.Token.Usage);

        await world.Verifier.VerifyAsync(created.Secret, "192.0.2.7");
        await world.Usage.FlushAsync();
        var used = await ViewAsync(world, owner, created.Token);
        world.Clock.Advance(TimeSpan.FromDays(7));
        var idle = await ViewAsync(world, owner, created.Token);

        Assert.Equal((TokenUsage.Active, "192.0.2.7", TokenWorld.Start), (used.Usage, used.LastUsedFrom, used.LastUsedAt));
        Assert.Equal(TokenUsage.Inactive, idle.Usage);
    }

    [Fact]
    public async Task Usage_window_is_configurable()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:UsageActiveWindow"] = "1.00:00:00" });
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        await world.Verifier.VerifyAsync(created.Secret, null);
        await world.Usage.FlushAsync();

        world.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(TokenUsage.Inactive, (await ViewAsync(world, owner, created.Token)).Usage);
    }

    /// <summary>
    /// The database filters and the in-memory rules are two expressions of one rule: for every combination of
    /// revoked, valid-from, valid-to, owner state (deactivated, and later reactivated) and last use, the filter must select
    /// exactly the tokens the rule names, and the active-first sort must order them as the rule does, page by page. Run
    /// both ways a listing reads its rows: through the filters' indexes, and as for a filter matching many rows (every
    /// column hidden from its index, keywords by Contains, scopes by a probe per token), forced here on a few tokens. A
    /// scope with statuses is read from the scope rows' copies of the status columns; with a keyword as well, the keyword is
    /// tested on those copies in the first run (few scope rows match) and through the name index in the second.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Status_filters_in_the_database_agree_with_the_status_rules_for_every_case(bool dense)
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "1000" });
        (world.Tokens.DenseFrom, world.Tokens.DenseDepth) = dense ? (0, 0) : (int.MaxValue, 10);
        world.Tokens.ScopeFirstLimit = dense ? 0 : 12_000;
        var admin = await world.UserAsync(Role.FullAdmin);
        var active = await world.UserAsync();
        var leaving = await world.UserAsync();
        var secrets = new List<string>();
        var now = world.Clock.GetUtcNow();
        DateTimeOffset?[] froms = [null, now.AddHours(1), now.AddHours(3)];
        DateTimeOffset?[] tos = [null, now.AddHours(2), now.AddHours(4)];
        var n = 0;
        foreach (var owner in new[] { active, leaving })
        {
            foreach (var from in froms)
            {
                foreach (var to in tos.Where(t => t is null || from is null || t > from))
                {
                    foreach (var revoke in new[] { false, true })
                    {
                        foreach (var use in new[] { false, true })
                        {
                            var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id,
                                TokenWorld.Draft($"case {n}", n++ % 2 == 0 ? ["tokens:read"] : ["tokens:read", "tokens:write"]) with { ValidFrom = from, ValidTo = to }));
                            if (revoke)
                            {
                                TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));
                            }

                            if (use)
                            {
                                secrets.Add(created.Secret);
                            }
                        }
                    }
                }
            }
        }

        // Uses happen at different times; the owner leaves later; then the checks run at several instants.
        world.Clock.Advance(TimeSpan.FromHours(1.5));
        foreach (var secret in secrets)
        {
            await using var db = world.Db();
            var hash = new AdminPortal.Tokens.Secrets.SecretHasher(null).Hash(secret);
            await db.Tokens.Where(t => t.SecretHash == hash).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, world.Clock.GetUtcNow()));
        }

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, leaving.Id));
        var seenValidity = new HashSet<TokenValidity>();
        var seenUsage = new HashSet<TokenUsage>();
        foreach (var step in new[] { 0.0, 1.0, 2.0, 200.0 })
        {
            world.Clock.Advance(TimeSpan.FromHours(step));
            if (step == 200.0)
            {
                // The owner who left comes back, and the other one leaves: the stored owner state follows both ways.
                TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, leaving.Id));
                TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, active.Id));
            }

            var all = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [] })).Items;
            foreach (var validity in Enum.GetValues<TokenValidity>())
            {
                var page = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [validity] }));
                var expected = all.Where(t => t.Validity == validity).ToList();
                Assert.Equal(expected.Select(t => t.Id).Order(), page.Items.Select(t => t.Id).Order());
                Assert.Equal((expected.Count, false), (page.Total, page.TotalIsLowerBound));

                // The same rule through the name index (a keyword of 3 characters or more) and a shorter one: through the index of
                // characters and pairs (SQLite; PostgreSQL when its sample finds the keyword rare, forced by a share of 0) or the
                // statuses' index and Contains (PostgreSQL, a common keyword).
                foreach (var (keyword, commonShare) in new[] { ("ase", 40), ("1", 40), ("1", 0) })
                {
                    world.Tokens.ShortCommonShare = commonShare;
                    var named = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [validity], Name = keyword })).Items;
                    Assert.Equal(expected.Where(t => t.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase)).Select(t => t.Id).Order(), named.Select(t => t.Id).Order());
                }

                // The same rule through the scope rows, and with a keyword through the name index and each match's own scopes
                // (PostgreSQL: the tenant's and the statuses' columns hidden from its planner for the broad statuses).
                var withScope = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [validity], Scopes = ["tokens:write"] })).Items;
                Assert.Equal(expected.Where(t => t.Scopes.Contains("tokens:write")).Select(t => t.Id).Order(), withScope.Select(t => t.Id).Order());
                var namedWithScope = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [validity], Name = "ase", Scopes = ["tokens:write"] }));
                Assert.Equal(expected.Where(t => t.Scopes.Contains("tokens:write")).Select(t => t.Id).Order(), namedWithScope.Items.Select(t => t.Id).Order());
                Assert.Equal(namedWithScope.Items.Count, namedWithScope.Total);
                var noName = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [validity], Name = "xyz", Scopes = ["tokens:write"] }));
                Assert.Equal((0, 0), (noName.Items.Count, noName.Total));

                // Several scopes: a probe of each token's scope rows; a token holding two of them is listed and counted once.
                foreach (var scopes in new[] { new[] { "tokens:write", "alerts:read" }, ["tokens:write", "tokens:read"] })
                {
                    var anyOf = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [validity], Scopes = scopes }));
                    var holders = expected.Where(t => t.Scopes.Intersect(scopes).Any()).Select(t => t.Id).Order().ToList();
                    Assert.Equal(holders, anyOf.Items.Select(t => t.Id).Order());
                    Assert.Equal(holders.Count, anyOf.Total);
                }

                // And page by page through keyset cursors, in every sort that has them, both ways: the same tokens in the same order.
                foreach (var sort in Enum.GetValues<TokenSort>().Where(s => s != TokenSort.IsActive))
                {
                    foreach (var descending in new[] { false, true })
                    {
                        var sorted = AllTokens() with { Validity = [validity], Sort = sort, Descending = descending };
                        var inOnePage = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, sorted)).Items.Select(t => t.Id);
                        Assert.Equal(inOnePage, (await world.WalkAsync(admin, sorted with { PageSize = 3 })).Select(t => t.Id));
                    }
                }
            }

            // Expiring soon (within the tenant's notice period, 7 days by default), with the usable statuses and with every
            // status, in one page and page by page in the order of expiry.
            foreach (var statuses in new IReadOnlyCollection<TokenValidity>[] { TokenQuery.UsableStatuses, [] })
            {
                var soon = AllTokens() with { Validity = statuses, ExpiringSoon = true };
                var expected = all.Where(t => (statuses.Count == 0 || statuses.Contains(t.Validity))
                    && TokenStatus.IsExpiringSoon(t.RevokedAt, t.ValidTo, world.Clock.GetUtcNow(), TimeSpan.FromDays(7))).Select(t => t.Id).Order().ToList();
                Assert.Equal(expected, TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, soon)).Items.Select(t => t.Id).Order());
                Assert.Equal(expected, (await world.WalkAsync(admin, soon with { Sort = TokenSort.Expires, Descending = false, PageSize = 3 })).Select(t => t.Id).Order());
            }

            foreach (var usage in Enum.GetValues<TokenUsage>())
            {
                var filtered = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [], Usage = [usage] })).Items;
                Assert.Equal(all.Where(t => t.Usage == usage).Select(t => t.Id).Order(), filtered.Select(t => t.Id).Order());
                var named = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = [TokenValidity.Revoked, TokenValidity.Valid], Usage = [usage], Name = "ase" })).Items;
                Assert.Equal(all.Where(t => t.Usage == usage && t.Validity is TokenValidity.Revoked or TokenValidity.Valid).Select(t => t.Id).Order(), named.Select(t => t.Id).Order());

                // With a single scope and broad statuses the scope's rows lead (the status columns hidden from the index choice).
                foreach (var statuses in new TokenValidity[][] { [], [TokenValidity.Expired, TokenValidity.Revoked], [TokenValidity.Valid] })
                {
                    var scoped = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = statuses, Usage = [usage], Scopes = ["tokens:write"] }));
                    var expected = all.Where(t => t.Usage == usage && (statuses.Length == 0 || statuses.Contains(t.Validity)) && t.Scopes.Contains("tokens:write"))
                        .Select(t => t.Id).Order().ToList();
                    Assert.Equal(expected, scoped.Items.Select(t => t.Id).Order());
                    Assert.Equal(expected.Count, scoped.Total);
                    foreach (var (keyword, matching) in new[] { ("ase", expected), ("xyz", new List<Guid>()) })
                    {
                        var scopedNamed = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, AllTokens() with { Validity = statuses, Usage = [usage], Scopes = ["tokens:write"], Name = keyword }));
                        Assert.Equal(matching, scopedNamed.Items.Select(t => t.Id).Order());
                    }
                }

                var lastUse = AllTokens() with { Validity = [], Usage = [usage], Sort = TokenSort.LastUsed };
                Assert.Equal(TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, lastUse)).Items.Select(t => t.Id), (await world.WalkAsync(admin, lastUse with { PageSize = 4 })).Select(t => t.Id));
            }

            // Date ranges [from, to): creation, valid-to (a token that never expires is in no bounded range), last use (a
            // never-used token likewise), each end open or set, alone and together with a status.
            InstantRange[] ranges =
            [
                new(now, now.AddSeconds(1)), new(null, now), new(now.AddSeconds(1), null), new(now.AddHours(2), now.AddHours(4)),
                new(null, now.AddHours(3)), new(now.AddHours(4), null), new(now.AddHours(1), now.AddHours(2)), new(now.AddHours(2), null),
            ];
            foreach (var range in ranges)
            {
                foreach (var (query, date) in new (TokenQuery Query, Func<TokenView, DateTimeOffset?> Date)[]
                {
                    (AllTokens() with { Validity = [], Created = range }, t => t.CreatedAt),
                    (AllTokens() with { Validity = [], Expires = range }, t => t.ValidTo),
                    (AllTokens() with { Validity = [], LastUsed = range }, t => t.LastUsedAt),
                    (AllTokens() with { Validity = [TokenValidity.Revoked, TokenValidity.Valid], Expires = range, Sort = TokenSort.Expires }, t => t.ValidTo),
                })
                {
                    var filtered = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, query)).Items;
                    var expected = all.Where(t => (query.Validity.Count == 0 || query.Validity.Contains(t.Validity)) && range.Contains(date(t)));
                    Assert.Equal(expected.Select(t => t.Id).Order(), filtered.Select(t => t.Id).Order());
                }
            }

            // Active first: the valid tokens, then the others (ascending: the other way round), each by name, then GUID in
            // the sort's direction; read in pages of 3 by page number, across the boundary between the two groups.
            foreach (var descending in new[] { false, true })
            {
                foreach (var filter in new[] { AllTokens() with { Validity = [] }, AllTokens() with { Validity = [TokenValidity.Valid, TokenValidity.Suspended], Name = "ase" } })
                {
                    var query = filter with { Sort = TokenSort.IsActive, Descending = descending };
                    var matching = filter.Validity.Count == 0 ? all : all.Where(t => filter.Validity.Contains(t.Validity) && t.Name.Contains("ase", StringComparison.Ordinal)).ToList();
                    var byGroup = matching.OrderBy(t => (t.Validity == TokenValidity.Valid) == descending ? 0 : 1).ThenBy(t => ApiToken.NormalizeName(t.Name), StringComparer.Ordinal);
                    var expected = (descending ? byGroup.ThenByDescending(t => ApiToken.FormatGuid(t.Id), StringComparer.Ordinal)
                        : byGroup.ThenBy(t => ApiToken.FormatGuid(t.Id), StringComparer.Ordinal)).Select(t => t.Id).ToList();
                    Assert.Equal(expected, TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, query)).Items.Select(t => t.Id));
                    var paged = new List<Guid>();
                    for (var number = 1; number <= (expected.Count / 3) + 2; number++)
                    {
                        var page = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, query with { Page = number, PageSize = 3 }));
                        Assert.Equal(expected.Count, page.Total);
                        paged.AddRange(page.Items.Select(t => t.Id));
                    }

                    Assert.Equal(expected, paged);
                }
            }

            Assert.Equal(64, all.Count);
            seenValidity.UnionWith(all.Select(t => t.Validity));
            seenUsage.UnionWith(all.Select(t => t.Usage));
        }

        Assert.Equal(Enum.GetValues<TokenValidity>().Length, seenValidity.Count);
        Assert.Equal(Enum.GetValues<TokenUsage>().Length, seenUsage.Count);
    }

    private static TokenQuery AllTokens() => new() { AllOfTenant = true, PageSize = TokenQuery.MaxPageSize };

    private static async Task<TokenView> ViewAsync(TokenWorld world, PortalUser viewer, TokenView token) =>
        TokenWorld.Ok(await world.Tokens.GetAsync(viewer.Id, token.Id));
}
