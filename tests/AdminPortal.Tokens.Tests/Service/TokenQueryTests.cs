using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Service;

public class TokenQueryTests
{
    [Fact]
    public async Task Every_name_keyword_must_match_ignoring_case()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "Prod deploy EU");
        await world.CreateAsync(owner, "prod backup");
        await world.CreateAsync(owner, "staging deploy");
        await world.CreateAsync(owner, "Überwachung prod");

        Assert.Equal(["Prod deploy EU"], await NamesAsync(world, owner, new TokenQuery { Name = "deploy  PROD" }));
        Assert.Equal(["Überwachung prod"], await NamesAsync(world, owner, new TokenQuery { Name = "überWACHUNG" }));
        Assert.Equal(4, (await NamesAsync(world, owner, new TokenQuery { Name = "   " })).Count);
    }

    [Fact]
    public async Task Name_search_finds_a_renamed_token_by_its_new_name_only_and_forgets_a_deleted_one()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var renamed = (await world.CreateAsync(owner, "terraform state")).Token;
        var deleted = (await world.CreateAsync(owner, "terraform plan")).Token;

        TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, renamed.Id, renamed.Version, TokenWorld.Draft("helm release")));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, deleted.Id));
        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, deleted.Id));

        Assert.Empty(await NamesAsync(world, owner, new TokenQuery { Name = "terraform", Validity = [] }));
        Assert.Equal(["helm release"], await NamesAsync(world, owner, new TokenQuery { Name = "ELM REL" }));
    }

    [Fact]
    public async Task Counts_stop_at_a_thousand_for_the_first_pages_and_at_ten_thousand_for_deeper_ones_where_page_numbers_end()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "template");
        await using (var db = world.Db())
        {
            // 10,001 more tokens, copies of the first with their own ids, names and hashes.
            var copy = AdminPortal.Testing.TokenCopies.For(world.Engine, 10_001);
            await db.Database.ExecuteSqlRawAsync(copy, TestContext.Current.CancellationToken);
        }

        var all = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true }));
        var copies = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true, Name = "copy 1000" }));

        var deep = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true, Page = 41 }));
        var deepest = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true, Page = 400 }));

        Assert.Equal((1_000, true, 25), (all.Total, all.TotalIsLowerBound, all.Items.Count));
        Assert.Equal((10_000, true, 25), (deep.Total, deep.TotalIsLowerBound, deep.Items.Count)); // tokens 1,001-1,025
        Assert.Equal((10_000, true, 25), (deepest.Total, deepest.TotalIsLowerBound, deepest.Items.Count));
        Assert.Empty(all.Items.Select(t => t.Id).Intersect(deep.Items.Select(t => t.Id)));
        Assert.Equal((3, false), (copies.Total, copies.TotalIsLowerBound)); // copy 1000, 10000 and 10001

        // Page 401 of 25 would skip the first 10,000 matches: refused, pointing to the cursor, which reaches every token.
        var beyond = TokenWorld.Fails(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true, Page = 401 }), TokenErrorCode.Invalid);
        Assert.Equal("Page", beyond.Field);
        Assert.Contains("cursor", beyond.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A keyword with a single scope held by many tokens, with a status or without: when the scope's first index entries
    /// already hold more than a thousand matches, the count stops there without the name index; a rarer keyword is still
    /// counted exactly, and both list the same tokens as the keyword alone (every token has the scope).
    /// </summary>
    [Fact]
    public async Task A_common_keyword_in_a_large_scope_is_counted_to_a_thousand_on_the_scope_rows_and_a_rarer_one_exactly()
    {
        await using var world = await TokenWorld.StartAsync();
        world.Tokens.ScopeFirstLimit = 0;
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "template", "tokens:write");
        await using (var db = world.Db())
        {
            // 1,200 copies (names "copy 1" to "copy 1200") with the template's scope rows.
            var copy = AdminPortal.Testing.TokenCopies.For(world.Engine, 1_200);
            await db.Database.ExecuteSqlRawAsync(copy, TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync(AdminPortal.Testing.TokenCopies.ScopeRows, TestContext.Current.CancellationToken);
        }

        var common = new TokenQuery { AllOfTenant = true, Name = "copy", Scopes = ["tokens:write"], Validity = [TokenValidity.Valid] };
        var rarer = common with { Name = "copy 1" }; // both keywords: the 472 numbers up to 1,200 with the digit 1
        var withScope = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, common));
        var keywordOnly = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, common with { Scopes = [] }));
        var rarerWithScope = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, rarer));
        var rarerOnly = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, rarer with { Scopes = [] }));
        var anyStatus = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, common with { Validity = [] }));
        var rarerAnyStatus = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, rarer with { Validity = [] }));

        Assert.Equal((1_000, true), (withScope.Total, withScope.TotalIsLowerBound));
        Assert.Equal(keywordOnly.Items.Select(t => t.Id), withScope.Items.Select(t => t.Id));
        Assert.Equal((472, false), (rarerWithScope.Total, rarerWithScope.TotalIsLowerBound));
        Assert.Equal((472, false), (rarerOnly.Total, rarerOnly.TotalIsLowerBound));
        Assert.Equal(rarerOnly.Items.Select(t => t.Id), rarerWithScope.Items.Select(t => t.Id));
        Assert.Equal((1_000, true), (anyStatus.Total, anyStatus.TotalIsLowerBound));
        Assert.Equal(keywordOnly.Items.Select(t => t.Id), anyStatus.Items.Select(t => t.Id));
        Assert.Equal((472, false), (rarerAnyStatus.Total, rarerAnyStatus.TotalIsLowerBound));
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("MQoxCmEKMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwCnMx")]
    public async Task A_cursor_that_this_listing_did_not_return_is_refused(string cursor)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "one");
        await world.CreateAsync(owner, "two");
        var first = TokenWorld.Ok(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { PageSize = 1 }));

        var forged = await world.Tokens.QueryAsync(owner.Id, new TokenQuery { After = cursor });
        var otherSort = await world.Tokens.QueryAsync(owner.Id, new TokenQuery { After = first.Next, Sort = TokenSort.Name });
        var withPage = await world.Tokens.QueryAsync(owner.Id, new TokenQuery { After = first.Next, Page = 2 });

        Assert.All(new[] { forged, otherSort, withPage }, r => Assert.Equal("After", TokenWorld.Fails(r, TokenErrorCode.Invalid).Field));
    }

    [Fact]
    public async Task Search_by_guid_matches_the_whole_guid_or_its_beginning()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var id = Guid.Parse("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("target") with { Id = id }));
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("other") with { Id = Guid.Parse("4fa85f64-5717-4562-b3fc-2c963f66afa6") }));

        Assert.Equal(["target"], await NamesAsync(world, owner, new TokenQuery { GuidPrefix = "3FA85F64-57" }));
        Assert.Equal(["target"], await NamesAsync(world, owner, new TokenQuery { GuidPrefix = "{3fa85f64-5717-4562-b3fc-2c963f66afa6}" }));
        Assert.Empty(await NamesAsync(world, owner, new TokenQuery { GuidPrefix = "5717" }));
    }

    [Theory]
    [InlineData("3fa8'; DROP TABLE Tokens; --")]
    [InlineData("zzzz")]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa6-00")]
    public async Task Guid_search_with_other_characters_is_refused(string search)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { GuidPrefix = search }), TokenErrorCode.Invalid);

        Assert.Equal("GuidPrefix", error.Field);
    }

    [Fact]
    public async Task Scope_filter_keeps_tokens_with_any_of_the_scopes()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "reader", "tokens:read");
        await world.CreateAsync(owner, "writer", "tokens:write");
        await world.CreateAsync(owner, "alerts", "alerts:read", "alerts:write");

        var names = await NamesAsync(world, owner, new TokenQuery { Scopes = ["tokens:write", "alerts:write"], Sort = TokenSort.Name, Descending = false });

        Assert.Equal(["alerts", "writer"], names);
    }

    [Fact]
    public async Task Scope_filter_follows_an_edit_of_the_scopes()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "changing", "tokens:read", "alerts:read")).Token;

        TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("changing", "tokens:write", "alerts:read")));

        Assert.Empty(await NamesAsync(world, owner, new TokenQuery { Scopes = ["tokens:read"] }));
        Assert.Equal(["changing"], await NamesAsync(world, owner, new TokenQuery { Scopes = ["tokens:write"] }));
        Assert.Equal(["changing"], await NamesAsync(world, owner, new TokenQuery { Scopes = ["alerts:read"] }));
    }

    [Fact]
    public async Task Default_view_shows_usable_tokens_and_revoked_ones_are_one_filter_away()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "live");
        var revoked = (await world.CreateAsync(owner, "revoked")).Token;
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, revoked.Id));
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("later") with { ValidFrom = world.Clock.GetUtcNow().AddDays(1) }));

        Assert.Equal(["later", "live"], await NamesAsync(world, owner, new TokenQuery { Sort = TokenSort.Name, Descending = false }));
        Assert.Equal(["revoked"], await NamesAsync(world, owner, new TokenQuery { Validity = [TokenValidity.Revoked] }));
        Assert.Equal(3, (await NamesAsync(world, owner, new TokenQuery { Validity = [] })).Count);
    }

    [Fact]
    public async Task Sorts_by_name_and_is_active_and_expiry_in_both_directions()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("bravo") with { ValidTo = now.AddDays(5) }));
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("Alpha") with { ValidTo = now.AddDays(9) }));
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("charlie") with { ValidFrom = now.AddDays(1) }));
        var all = new TokenQuery { Validity = [] };

        Assert.Equal(["Alpha", "bravo", "charlie"], await NamesAsync(world, owner, all with { Sort = TokenSort.Name, Descending = false }));
        Assert.Equal(["charlie", "bravo", "Alpha"], await NamesAsync(world, owner, all with { Sort = TokenSort.Name }));
        Assert.Equal(["Alpha", "bravo", "charlie"], await NamesAsync(world, owner, all with { Sort = TokenSort.IsActive }));
        Assert.Equal(["charlie", "Alpha", "bravo"], await NamesAsync(world, owner, all with { Sort = TokenSort.IsActive, Descending = false }));
        Assert.Equal(["bravo", "Alpha", "charlie"], await NamesAsync(world, owner, all with { Sort = TokenSort.Expires, Descending = false }));
        Assert.Equal(["charlie", "Alpha", "bravo"], await NamesAsync(world, owner, all with { Sort = TokenSort.Expires }));
    }

    [Fact]
    public async Task Sorts_by_last_use_and_creation()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var first = await world.CreateAsync(owner, "first");
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await world.CreateAsync(owner, "second");
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.CreateAsync(owner, "never used");
        await world.Verifier.VerifyAsync(second.Secret, null);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.Verifier.VerifyAsync(first.Secret, null);
        await world.Usage.FlushAsync();

        Assert.Equal(["first", "second", "never used"], await NamesAsync(world, owner, new TokenQuery { Sort = TokenSort.LastUsed }));
        Assert.Equal(["never used", "second", "first"], await NamesAsync(world, owner, new TokenQuery { Sort = TokenSort.Created }));
        Assert.Equal(["first", "second", "never used"], await NamesAsync(world, owner, new TokenQuery { Sort = TokenSort.Created, Descending = false }));
    }

    [Fact]
    public async Task Pages_carry_the_total_count_and_run_in_the_database()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "100" });
        var owner = await world.UserAsync();
        for (var i = 0; i < 23; i++)
        {
            await world.CreateAsync(owner, $"token {i:D2}");
        }

        // A full admin's listing of the whole tenant (one owner's own tokens are few: there the owner's index leads and
        // the keyword is tested on each, which the status test covers).
        var admin = await world.UserAsync(Role.FullAdmin);
        world.Commands.Clear();
        var page = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id,
            new TokenQuery { Name = "token", Sort = TokenSort.Name, Descending = false, Page = 3, PageSize = 10, AllOfTenant = true }));

        Assert.Equal(23, page.Total);
        Assert.Equal(["token 20", "token 21", "token 22"], page.Items.Select(t => t.Name));
        // The keyword through the name index (SQLite: FTS5; PostgreSQL: a LIKE the trigram index serves), counted by
        // reading the matches' ids up to the bound, in the sort's order (each match's row is read for the keyword anyway),
        // the limit kept on the matches before the sort and on the sorted ids; as all of them were counted, the page reads
        // its own tokens by key rather than searching again, and is limited.
        var search = world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite ? "\"TokenNameSearch\" MATCH" : "t.\"NameKey\" LIKE";
        var count = Assert.Single(world.Commands, c => c.Contains(search, StringComparison.Ordinal));
        Assert.Matches(@"(?s)LIMIT @\w+\s*\) AS .*ORDER BY .*LIMIT @", count);
        var select = Assert.Single(world.Commands, c => c.Contains("ORDER BY", StringComparison.Ordinal) && c != count);
        Assert.DoesNotContain("NameKey\" LIKE", select, StringComparison.Ordinal);
        Assert.DoesNotContain("MATCH", select, StringComparison.Ordinal);
        Assert.Contains("LIMIT @", select, StringComparison.Ordinal);

        // Without a keyword PostgreSQL's count may read only an index's entries (the statuses' indexes carry the id): its
        // ids are not sorted there (the sort's columns would take it to every row), and the page sorts the tokens it reads
        // by key. SQLite's count reads each token's row (no index holds the id beside a filtered column): sorted there.
        world.Commands.Clear();
        var plain = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id,
            new TokenQuery { Sort = TokenSort.Name, Descending = false, Page = 3, PageSize = 10, AllOfTenant = true }));
        Assert.Equal(["token 20", "token 21", "token 22"], plain.Items.Select(t => t.Name));
        var plainCount = Assert.Single(world.Commands, c => c.Contains("LIMIT @", StringComparison.Ordinal) && !c.Contains("INNER JOIN \"Users\"", StringComparison.Ordinal));
        Assert.Equal(world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite, plainCount.Contains("ORDER BY", StringComparison.Ordinal));
    }

    /// <summary>
    /// A listing whose matches are all counted takes a numbered page from their ids (after a keyword: in the sort's order,
    /// by position), and a cursor's page seeks among all of them: both ways give the same tokens in the same order, for
    /// every sort and direction.
    /// </summary>
    [Fact]
    public async Task Numbered_pages_of_a_counted_listing_follow_its_sort_as_cursor_pages_do()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "100" });
        var owner = await world.UserAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var used = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            // Names out of creation order, a few ending dates and uses, so that every sort orders them differently.
            var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id,
                TokenWorld.Draft($"token {i * 7 % 23:D2}") with { ValidTo = i % 3 == 0 ? null : world.Clock.GetUtcNow().AddDays(30 - i) }));
            if (i % 4 == 0)
            {
                used.Add(created.Token.Id);
            }

            world.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        foreach (var id in used)
        {
            world.Usage.Record(id, world.Clock.GetUtcNow(), "10.0.0.1");
            world.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await world.Usage.FlushAsync(TestContext.Current.CancellationToken);
        foreach (var sort in Enum.GetValues<TokenSort>().Where(s => s != TokenSort.IsActive))
        {
            foreach (var descending in new[] { false, true })
            {
                var query = new TokenQuery { Name = "token", Sort = sort, Descending = descending, PageSize = 10, AllOfTenant = true };
                var numbered = new List<string>();
                for (var number = 1; number <= 3; number++)
                {
                    var page = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, query with { Page = number }));
                    Assert.Equal((23, false), (page.Total, page.TotalIsLowerBound));
                    numbered.AddRange(page.Items.Select(t => t.Name));
                }

                Assert.Equal(23, numbered.Distinct().Count());
                Assert.Equal((await world.WalkAsync(admin, query)).Select(t => t.Name), numbered);
                if (sort == TokenSort.Name)
                {
                    var names = Enumerable.Range(0, 23).Select(i => $"token {i:D2}");
                    Assert.Equal(descending ? names.OrderDescending(StringComparer.Ordinal) : names.Order(StringComparer.Ordinal), numbered);
                }
            }
        }
    }

    [Fact]
    public async Task Name_search_row_whose_rowid_names_another_token_brings_in_only_tokens_whose_own_name_matches()
    {
        await using var world = await TokenWorld.StartAsync();
        Assert.SkipUnless(world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite, "SQLite's FTS5 name search, joined on the token's rowid.");
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "alpha deploy");
        await world.CreateAsync(owner, "beta other");
        // The tenant's listing, which the name index leads (one owner's few tokens are tested by their names alone).
        Assert.Equal(["alpha deploy"], await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "deploy" }));
        await using (var db = world.Db())
        {
            // What a VACUUM that renumbered the tokens' rowids would leave: each search row names the other token's row.
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE "TokenNameSearch" SET "NameKey" = CASE "NameKey" WHEN 'ALPHA DEPLOY' THEN 'BETA OTHER' ELSE 'ALPHA DEPLOY' END
                """, TestContext.Current.CancellationToken);
        }

        Assert.Empty(await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "deploy" }));
        // With a scope too, the name index leading (not the scope's rows, which a few tokens would otherwise lead).
        world.Tokens.ScopeFirstLimit = 0;
        Assert.Empty(await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "other", Scopes = ["tokens:read"] }));
    }

    [Fact]
    public async Task A_name_that_holds_the_pieces_of_a_keyword_apart_is_not_listed_for_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        // The name index looks up some of a keyword's trigrams ("BAC" and "KUP" for "backup"), which these names hold too.
        foreach (var name in new[] { "nightly backup", "bacon kupfer", "staging", "status ginger" })
        {
            await world.CreateAsync(owner, name, "tokens:read");
        }

        // The tenant's listing, which the name index leads (one owner's few tokens are tested by their names alone).
        world.Commands.Clear();
        Assert.Equal(["nightly backup"], await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "backup" }));
        Assert.Equal(["staging"], await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "staging" }));
        world.Tokens.ScopeFirstLimit = 0;
        Assert.Equal(["staging"], await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "staging", Scopes = ["tokens:read"] }));
        if (world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite)
        {
            Assert.Contains(world.Commands, c => c.Contains("\"TokenNameSearch\" MATCH", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Keywords_of_one_or_two_characters_list_exactly_the_names_that_hold_them_after_renames_and_deletes()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var holder = (await world.CreateAsync(owner, "qz one")).Token;
        var quiz = (await world.CreateAsync(owner, "quiz")).Token;
        foreach (var name in new[] { "a q z", "café", "cafe", "xQz" })
        {
            await world.CreateAsync(owner, name);
        }

        // The tenant's listing, which the name index leads (one owner's few tokens are tested by their names alone). On
        // PostgreSQL the index of characters and pairs leads where a sample of names finds the keywords rare: here always.
        world.Tokens.ShortCommonShare = 0;
        async Task<string[]> FindAsync(string keywords) =>
            [.. (await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = keywords })).Order(StringComparer.Ordinal)];
        world.Commands.Clear();
        Assert.Equal(["qz one", "xQz"], await FindAsync("qz"));
        // Through the index of the names' characters and pairs, not by reading every name.
        Assert.Contains(world.Commands, c => c.Contains(world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite
            ? "\"TokenNameGrams\" MATCH" : "token_name_holds(", StringComparison.Ordinal));

        // With a scope: the index leads as well where few names hold the keyword (here always: the share is 0 on PostgreSQL,
        // and SQLite's lookup names fewer than its limit), the scope tested on each token's row.
        world.Commands.Clear();
        var scoped = await world.CreateAsync(owner, "qz scoped", "tokens:write");
        Assert.Equal(["qz scoped"], await NamesAsync(world, admin, new TokenQuery { AllOfTenant = true, Name = "qz", Scopes = ["tokens:write"] }));
        Assert.Contains(world.Commands, c => c.Contains(world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite
            ? "\"TokenNameGrams\" MATCH" : "token_name_holds(", StringComparison.Ordinal) && c.Contains("Scopes", StringComparison.Ordinal));
        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, scoped.Token.Id));

        Assert.Equal(["café"], await FindAsync("É"));
        Assert.Equal(["a q z", "quiz", "qz one", "xQz"], await FindAsync("q"));
        Assert.Equal(["a q z", "quiz", "qz one", "xQz"], await FindAsync("z q"));
        Assert.Empty(await FindAsync("zq"));

        TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, quiz.Id, quiz.Version, TokenWorld.Draft("qzar")));
        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, holder.Id));
        Assert.Equal(["qzar", "xQz"], await FindAsync("qz"));
        Assert.Equal(["qzar"], await FindAsync("ar"));
        Assert.DoesNotContain("qz one", await FindAsync("q"));
    }

    [Fact]
    public async Task Keyword_with_a_scope_lists_only_that_scopes_tokens_where_another_scope_shares_its_index_marker()
    {
        // A scope's marker in SQLite's name index is its length and first and last characters: these two share one.
        Assert.Equal(AdminPortal.Tokens.Persistence.Search.SqliteTokenNameSearch.ScopeMarker("tokens:read"),
            AdminPortal.Tokens.Persistence.Search.SqliteTokenNameSearch.ScopeMarker("tokens:rxad"));
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Tokens:Scopes:0:Name"] = "tokens:read",
            ["Tokens:Scopes:1:Name"] = "tokens:rxad",
            ["Tokens:RoleScopes:FullAdmin:0"] = "tokens:read",
            ["Tokens:RoleScopes:FullAdmin:1"] = "tokens:rxad",
            ["Tokens:RoleScopes:User:0"] = "tokens:read",
            ["Tokens:RoleScopes:User:1"] = "tokens:rxad",
            ["Tokens:RoleScopes:SecurityReader:0"] = "tokens:read",
        });
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "deploy read", "tokens:read");
        await world.CreateAsync(owner, "deploy rxad", "tokens:rxad");
        await world.CreateAsync(owner, "deploy both", "tokens:rxad", "tokens:read");
        world.Tokens.ScopeFirstLimit = 0; // the name index leads, not the scope's rows

        foreach (var status in new[] { new[] { TokenValidity.Valid }, [] })
        {
            Assert.Equal(["deploy both", "deploy read"], (await NamesAsync(world, admin,
                new TokenQuery { AllOfTenant = true, Name = "deploy", Scopes = ["tokens:read"], Validity = status })).Order());
            Assert.Equal(["deploy both", "deploy rxad"], (await NamesAsync(world, admin,
                new TokenQuery { AllOfTenant = true, Name = "deploy", Scopes = ["tokens:rxad"], Validity = status })).Order());
        }
    }

    [Theory]
    [InlineData(0, 10, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 101, "PageSize")]
    [InlineData(101, 100, "Page")]
    public async Task Out_of_range_paging_is_refused(int page, int size, string field)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { Page = page, PageSize = size }), TokenErrorCode.Invalid);

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Search_text_with_sql_and_wildcards_is_taken_literally()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "100% done_ok");
        await world.CreateAsync(owner, "plain");
        // Keywords of 3 characters or more go through the name index (SQLite FTS5, PostgreSQL LIKE for pg_trgm): the
        // wildcards and the escape character of LIKE in them are plain characters too.
        await world.CreateAsync(owner, "50%_off");
        await world.CreateAsync(owner, "50xyoff");
        await world.CreateAsync(owner, @"back\slash");
        await world.CreateAsync(owner, "backslash");

        Assert.Equal(["100% done_ok", "50%_off"], (await NamesAsync(world, owner, new TokenQuery { Name = "% _" })).Order(StringComparer.Ordinal));
        Assert.Empty(await NamesAsync(world, owner, new TokenQuery { Name = "' OR 1=1 --" }));
        Assert.Equal(["50%_off"], await NamesAsync(world, owner, new TokenQuery { Name = "0%_" }));
        Assert.Equal([@"back\slash"], await NamesAsync(world, owner, new TokenQuery { Name = @"K\S" }));
    }

    private static async Task<List<string>> NamesAsync(TokenWorld world, PortalUser viewer, TokenQuery query) =>
        [.. TokenWorld.Ok(await world.Tokens.QueryAsync(viewer.Id, query)).Items.Select(t => t.Name)];
}
