using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Persistence.Search;
using AdminPortal.Testing;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Tokens.Tests.Persistence;

public class MigratedSchemaTests
{
    /// <summary>
    /// Each engine's migrations and the model must describe the same schema: a fresh database migrated by
    /// <see cref="TokenDatabase.MigrateAsync"/> is compared with one created from the model alone.
    /// </summary>
    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        await using var world = await TokenWorld.StartAsync();
        string migrated, expected;
        if (world.Engine == DatabaseProvider.Sqlite)
        {
            var fromModel = Path.Combine(world.Folder, "from-model.db");
            await CreateFromModelAsync(new DatabaseOptions { DataDirectory = world.Folder, FileName = "from-model.db" });
            migrated = Describe(world.DatabasePath);
            expected = Describe(fromModel);
            Assert.Contains("index IX_Tokens_SecretHash unique (SecretHash)", migrated, StringComparison.Ordinal);
            Assert.Contains("index IX_Tokens_TenantId_OwnerId (TenantId, OwnerId)", migrated, StringComparison.Ordinal);
        }
        else
        {
            var fromModel = await TestPostgres.CreateEmptyDatabaseAsync();
            try
            {
                await CreateFromModelAsync(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = fromModel });
                migrated = await DescribePostgresAsync(world.ConnectionString!);
                expected = await DescribePostgresAsync(fromModel);
            }
            finally
            {
                await TestPostgres.DropDatabaseAsync(fromModel);
            }

            Assert.Contains("index IX_Tokens_SecretHash unique", migrated, StringComparison.Ordinal);
            // The GUID prefix search is a range compare: ordinal only in the "C" collation.
            Assert.Contains("table Tokens column GuidText character varying(36) NO  NO collate C", migrated, StringComparison.Ordinal);

            // Not in the model (raw SQL of the PostgresListings, TrigramGist, TrigramScopesGin and NameGrams migrations): the
            // trigram indexes of name keywords, alone and with the scopes (the test cluster allows pg_trgm), the index of the
            // names' characters and pairs, and the expression index of the last-use order; present, then left out of the
            // comparison.
            string[] rawIndexes =
            [
                $"index {PostgresTokenNameSearch.IndexName} (\"NameKey\" gist_trgm_ops (siglen='64'))",
                $"index {PostgresTokenNameSearch.ScopesIndexName} (\"NameKey\" gin_trgm_ops, \"Scopes\")",
                $"index {PostgresLastUseOrder.IndexName} (\"TenantId\", COALESCE(\"LastUsedAt\", (0)::bigint), \"GuidText\")",
                $"index {PostgresTokenNameSearch.GramsIndexName} ({PostgresTokenNameSearch.GramsFunction}((\"NameKey\")::text))",
            ];
            var lines = migrated.Split('\n');
            Assert.Equal(rawIndexes.Order(StringComparer.Ordinal), lines.Where(rawIndexes.Contains).Order(StringComparer.Ordinal));
            migrated = string.Join('\n', lines.Where(l => !rawIndexes.Contains(l)));
        }

        if (world.Engine == DatabaseProvider.Sqlite)
        {
            // SQLite adds a NOT NULL column only with a default, which the model does not declare for the tokens' own columns:
            // the only difference (the scope rows' copies declare theirs), left out on both sides.
            static string WithoutDefaults(string schema) => schema
                .Replace("column EndsAt INTEGER not null pk=0 default=0", "column EndsAt INTEGER not null pk=0 default=", StringComparison.Ordinal)
                .Replace("column StartsAt INTEGER not null pk=0 default=0", "column StartsAt INTEGER not null pk=0 default=", StringComparison.Ordinal)
                .Replace("column OwnerIsActive INTEGER not null pk=0 default=1", "column OwnerIsActive INTEGER not null pk=0 default=", StringComparison.Ordinal);
            (migrated, expected) = (WithoutDefaults(migrated), WithoutDefaults(expected));

            // Not in the model (raw SQL of migrations): the FTS5 name index (ScaleListings), the FTS5 table of the names'
            // characters and pairs (NameGrams), and the triggers that copy a token's columns onto its scope rows
            // (ScopeStatusCopy); present, and checked by the search and listing tests.
            await using var connection = new SqliteConnection($"Data Source={world.DatabasePath};Mode=ReadOnly");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal("TokenNameGrams,TokenNameSearch,TokenScopes_StatusCopy_Insert,Tokens_NameGrams_Delete,Tokens_NameGrams_Insert,Tokens_NameGrams_Update,"
                + "Tokens_NameSearch_Delete,Tokens_NameSearch_Insert,Tokens_NameSearch_Update,Tokens_ScopeStatusCopy_Update", Scalar(connection,
                "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name IN ('TokenNameSearch', 'TokenNameGrams') OR type = 'trigger' ORDER BY name)"));
        }

        Assert.Equal(expected, migrated);
        Assert.Contains("table DataProtectionKeys", migrated, StringComparison.Ordinal);
        Assert.Contains("table Tokens", migrated, StringComparison.Ordinal);
    }

    /// <summary>
    /// A PostgreSQL server that refuses <c>pg_trgm</c> (here: a user without CREATE on the database, as on a managed
    /// server that does not offer it) still migrates to the end; name keywords then run without the trigram index.
    /// </summary>
    [Fact]
    public async Task Postgres_that_refuses_pg_trgm_migrates_and_searches_names_without_the_trigram_index()
    {
        Assert.SkipUnless(TestPostgres.IsSelected, "PostgreSQL's pg_trgm extension.");
        var ct = TestContext.Current.CancellationToken;
        var database = await TestPostgres.CreateEmptyDatabaseAsync();
        var role = "noext_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync(ct);
                // Tables in the schema public, but no CREATE on the database: CREATE EXTENSION is refused.
                await using var command = new NpgsqlCommand($"CREATE ROLE {role} LOGIN; ALTER SCHEMA public OWNER TO {role};", connection);
                await command.ExecuteNonQueryAsync(ct);
            }

            var options = new DbContextOptionsBuilder<TokenDbContext>();
            TokenDomainRegistration.UseStore(options, new DatabaseOptions
            {
                Provider = DatabaseProvider.Postgres,
                ConnectionString = new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString,
            }, Path.GetTempPath());
            await using var db = new TokenDbContext(options.Options);
            await db.Database.MigrateAsync(ct);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.False(await PostgresTokenNameSearch.IsIndexedAsync(db, ct));
            Assert.Equal(0, await PostgresTokenNameSearch.Containing(db.Tokens, "TERRAFORM").CountAsync(ct));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"DROP ROLE IF EXISTS {role}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The migrations of each engine are complete: the model has no change that a migration does not carry.</summary>
    [Fact]
    public async Task Model_has_no_changes_that_the_migrations_lack()
    {
        await using var world = await TokenWorld.StartAsync();
        await using var db = world.Db();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// A database made by the release before the EF Core tools (its hand-written migrations, <c>Fixtures/README.md</c>)
    /// opens with every row, the columns and rows that later migrations add are filled from them (the derived sort
    /// columns, the scope rows, the name index), its tokens still verify, list, filter and can be changed, and new ones can
    /// be created.
    /// </summary>
    [Fact]
    public async Task Database_made_by_the_first_release_opens_with_every_row_and_works()
    {
        var folder = Directory.CreateTempSubdirectory("adminportal-release-").FullName;
        var release = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", "release-2026-12-02.db");
        File.Copy(release, Path.Combine(folder, "adminportal.db"));
        var before = Dump(Path.Combine(folder, "adminportal.db"));
        Assert.Contains("Tokens: 3 rows", before, StringComparison.Ordinal);
        Assert.Contains("DataProtectionKeys: 1 rows", before, StringComparison.Ordinal);

        await using var world = await TokenWorld.OpenSqliteAsync(folder);
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

        // Every table and column of the release holds exactly what it held.
        Assert.Equal(before, Dump(world.DatabasePath, schemaOf: release));
        // ScaleListings filled what it added: the end and start in effect of every token, its scopes as rows of its tenant.
        using (var connection = new SqliteConnection($"Data Source={world.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            Assert.Equal(
                [
                    ["deploy bot", DateTimeOffset.MaxValue.UtcTicks, 639318196294043737L],
                    ["nightly export", 639474048000000000L, 639318196312947456L],
                    ["old one", 639318196423517548L, 639318196333505687L],
                ],
                Rows(connection, """SELECT "Name", "EndsAt", "StartsAt" FROM "Tokens" ORDER BY "Name" """));
            Assert.Equal(
                [
                    ["deploy bot", "tokens:read", 1L],
                    ["nightly export", "tokens:read", 1L],
                    ["nightly export", "tokens:write", 1L],
                    ["old one", "audit:read", 1L],
                ],
                Rows(connection, """
                    SELECT t."Name", s."Scope", s."TenantId" = t."TenantId" FROM "TokenScopes" AS s JOIN "Tokens" AS t ON t."Id" = s."TokenId"
                    ORDER BY t."Name", s."Scope"
                    """));
        }

        await using (var migrated = world.Db())
        {
            foreach (var token in await migrated.Tokens.Include(t => t.ScopeRows).ToListAsync(TestContext.Current.CancellationToken))
            {
                Assert.Equal(ApiToken.DerivedEnd(token.RevokedAt, token.ValidTo), token.EndsAt);
                Assert.Equal(token.ValidFrom ?? token.CreatedAt, token.StartsAt);
                Assert.Equal(token.Scopes.Order(StringComparer.Ordinal), token.ScopeRows.Select(r => r.Scope).Order(StringComparer.Ordinal));
                // ScopeStatusCopy filled each scope row's copies of its token's columns (one of them revoked).
                Assert.All(token.ScopeRows, row => ScopeRowCopyTests.AssertCopies(token, row));
            }
        }

        var verified = await world.Verifier.VerifyAsync("adp_jqGIL9tkGqMg9LZ7weUnQXkwTlAVAp1XwHRT", null);
        Assert.Equal(VerifyOutcome.Valid, verified.Outcome);
        await using var db = world.Db();
        var operatorId = await db.Users.Where(u => u.SubjectId == BuiltInUsers.OperatorSubject).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        var listed = TokenWorld.Ok(await world.Tokens.QueryAsync(operatorId, new TokenQuery { AllOfTenant = true, Validity = Enum.GetValues<TokenValidity>() }));
        Assert.Equal(["deploy bot", "nightly export", "old one"], listed.Items.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TokenValidity.Revoked, listed.Items.Single(t => t.Name == "old one").Validity);
        // The scope filter (through the scope rows) and the keyword search (through the name index) find the old tokens.
        var all = new TokenQuery { AllOfTenant = true, Validity = Enum.GetValues<TokenValidity>() };
        Assert.Equal(["nightly export"], TokenWorld.Ok(await world.Tokens.QueryAsync(operatorId, all with { Scopes = ["tokens:write"] })).Items.Select(t => t.Name));
        Assert.Equal(["nightly export"], TokenWorld.Ok(await world.Tokens.QueryAsync(operatorId, all with { Name = "export" })).Items.Select(t => t.Name));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(operatorId, listed.Items.Single(t => t.Name == "deploy bot").Id));
        TokenWorld.Ok(await world.Tokens.CreateAsync(operatorId, TokenWorld.Draft("after the upgrade")));
        Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync("adp_jqGIL9tkGqMg9LZ7weUnQXkwTlAVAp1XwHRT", null)).Outcome);
    }

    /// <summary>
    /// A PostgreSQL database with tokens, made by the first PostgreSQL migration, gets what ScaleListings adds filled from
    /// its rows: each token's end and start in effect and its scopes (from the array column) as rows of its tenant.
    /// </summary>
    [Fact]
    public async Task Postgres_tokens_stored_before_scale_listings_get_their_derived_columns_and_scope_rows()
    {
        Assert.SkipUnless(TestPostgres.IsSelected, "PostgreSQL's migrations; SQLite's are tested from a release database.");
        var database = await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            var options = new DbContextOptionsBuilder<TokenDbContext>();
            TokenDomainRegistration.UseStore(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database }, Path.GetTempPath());
            await using var db = new TokenDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261202143546_InitialSchema", TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Tenants" ("Id", "Key", "Name", "OnlyAdminsCreateTokens", "CreatedAt")
                VALUES ('00000000-0000-0000-0000-0000000000a1', 'acme', 'Acme', false, 100);
                INSERT INTO "Users" ("Id", "TenantId", "SubjectId", "DisplayName", "Email", "Role", "IsActive", "CreatedAt", "WriteSerial")
                VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a1', 'op', 'Op', 'op@example.com', 'FullAdmin', true, 100, 0);
                INSERT INTO "Tokens" ("Id", "GuidText", "TenantId", "OwnerId", "CreatedById", "Name", "NameKey", "Description", "Scopes", "CreatedAt",
                    "ValidFrom", "ValidTo", "RevokedAt", "SecretHash", "Version")
                VALUES
                  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1',
                   '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000b1', 'never ends', 'NEVER ENDS', '',
                   ARRAY['tokens:read'], 1000, NULL, NULL, NULL, 'h1', 0),
                  ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000a1',
                   '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000b1', 'scheduled', 'SCHEDULED', '',
                   ARRAY['tokens:read', 'tokens:write', 'tokens:read'], 2000, 5000, 9000, NULL, 'h2', 0),
                  ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-0000000000a1',
                   '00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000b1', 'revoked', 'REVOKED', '',
                   ARRAY[]::varchar(100)[], 3000, NULL, 9000, 4000, 'h3', 0);
                """, TestContext.Current.CancellationToken);

            await migrator.MigrateAsync(null, TestContext.Current.CancellationToken);

            var tokens = await db.Tokens.AsNoTracking().Include(t => t.ScopeRows).OrderBy(t => t.Name).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(
                [("never ends", DateTimeOffset.MaxValue.UtcTicks, 1000L), ("revoked", 4000L, 3000L), ("scheduled", 9000L, 5000L)],
                tokens.Select(t => (t.Name, t.EndsAt.UtcTicks, t.StartsAt.UtcTicks)));
            Assert.Equal(
                [("never ends", "tokens:read"), ("scheduled", "tokens:read"), ("scheduled", "tokens:write")],
                tokens.SelectMany(t => t.ScopeRows.Select(r => (t.Name, r.Scope))).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Scope, StringComparer.Ordinal));
            Assert.All(tokens.SelectMany(t => t.ScopeRows), r => Assert.Equal(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), r.TenantId));
            Assert.All(tokens, t => Assert.All(t.ScopeRows, row => ScopeRowCopyTests.AssertCopies(t, row)));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>
    /// A database with tokens of an active and of a deactivated owner, made by the migrations before ListingIndexes, gets
    /// the owner's state on each token (OwnerIsActive, which the suspended filter reads) when ListingIndexes runs, and the
    /// status filters then find the deactivated owner's tokens suspended; on each engine.
    /// </summary>
    [Fact]
    public async Task Tokens_stored_before_listing_indexes_get_their_owners_state()
    {
        var sqlite = !TestPostgres.IsSelected;
        var folder = Directory.CreateTempSubdirectory("adminportal-listing-indexes-").FullName;
        var database = sqlite ? null : await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            var store = sqlite
                ? new DatabaseOptions { DataDirectory = folder }
                : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database };
            var options = new DbContextOptionsBuilder<TokenDbContext>();
            TokenDomainRegistration.UseStore(options, store, folder);
            await using var db = new TokenDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(sqlite ? "20261202155039_ScaleListings" : "20261202155057_ScaleListings", TestContext.Current.CancellationToken);
            static string Id(int n) => $"'00000000-0000-0000-0000-{n:D12}'";
            string Flag(bool value) => sqlite ? (value ? "1" : "0") : (value ? "true" : "false");
            var noScopes = sqlite ? "'[]'" : "ARRAY[]::varchar(100)[]";
            string Token(int n, int owner, string name) => $"""
                ({Id(n)}, '00000000-0000-0000-0000-{n:D12}', {Id(900)}, {Id(owner)}, {Id(owner)}, '{name}', '{name.ToUpperInvariant()}', '',
                 {noScopes}, 1000, NULL, NULL, NULL, 'h{n}', 1, {DateTimeOffset.MaxValue.UtcTicks}, 1000)
                """;
            var rows = $"""
                INSERT INTO "Tenants" ("Id", "Key", "Name", "OnlyAdminsCreateTokens", "CreatedAt") VALUES ({Id(900)}, 'acme', 'Acme', {Flag(false)}, 100);
                INSERT INTO "Users" ("Id", "TenantId", "SubjectId", "DisplayName", "Email", "Role", "IsActive", "CreatedAt", "DeactivatedAt", "WriteSerial")
                VALUES ({Id(901)}, {Id(900)}, 'ann', 'Ann', 'ann@example.com', 'FullAdmin', {Flag(true)}, 100, NULL, 0),
                       ({Id(902)}, {Id(900)}, 'bob', 'Bob', 'bob@example.com', 'User', {Flag(false)}, 100, 500, 0);
                INSERT INTO "Tokens" ("Id", "GuidText", "TenantId", "OwnerId", "CreatedById", "Name", "NameKey", "Description", "Scopes", "CreatedAt",
                    "ValidFrom", "ValidTo", "RevokedAt", "SecretHash", "Version", "EndsAt", "StartsAt")
                VALUES {Token(1, 901, "ann token")}, {Token(2, 902, "bob token")}, {Token(3, 902, "bob other")};
                """;
            await db.Database.ExecuteSqlRawAsync(rows, TestContext.Current.CancellationToken);

            await migrator.MigrateAsync(null, TestContext.Current.CancellationToken);

            Assert.Equal(
                [("ann token", true), ("bob other", false), ("bob token", false)],
                (await db.Tokens.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Name, t.OwnerIsActive }).ToListAsync(TestContext.Current.CancellationToken))
                    .Select(t => (t.Name, t.OwnerIsActive)));
            var suspended = await db.Tokens.AsNoTracking().Where(TokenFilters.HasValidity(TokenValidity.Suspended, DateTimeOffset.UtcNow))
                .OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["bob other", "bob token"], suspended);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (database is not null)
            {
                await TestPostgres.DropDatabaseAsync(database);
            }
        }
    }

    [Fact]
    public async Task Database_file_uses_write_ahead_logging_and_records_the_migration()
    {
        await using var world = await TokenWorld.StartAsync();
        world.RequireSqlite();

        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        // Every migration of the SQLite set, the hand-written first three included, is recorded as applied.
        await using var db = world.Db();
        var known = db.Database.GetMigrations().Order(StringComparer.Ordinal).ToList();
        Assert.StartsWith("20261129120000_InitialSchema,20261202080000_SignInAudit,20261202080100_DataProtectionKeys,20261202155039_ScaleListings,", string.Join(",", known));
        Assert.Equal(string.Join(",", known),
            Scalar(connection, "SELECT group_concat(MigrationId, ',') FROM (SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId);"));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner);

        await using var db = world.Db();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, await db.Tokens.CountAsync(TestContext.Current.CancellationToken));
    }

    private static async Task CreateFromModelAsync(DatabaseOptions database)
    {
        var options = new DbContextOptionsBuilder<TokenDbContext>();
        TokenDomainRegistration.UseStore(options, database, Path.GetTempPath());
        await using var db = new TokenDbContext(options.Options);
        Assert.True(await db.Database.EnsureCreatedAsync());
    }

    /// <summary>
    /// Every table's row count and rows, in key order: equal before and after a migration means no loss. Only the tables
    /// and columns of <paramref name="schemaOf"/> (by default the database itself), so that what a migration adds is left out.
    /// </summary>
    private static string Dump(string path, string? schemaOf = null)
    {
        using var schema = new SqliteConnection($"Data Source={schemaOf ?? path};Mode=ReadOnly;Pooling=False");
        schema.Open();
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var lines = new List<string>();
        foreach (var table in Rows(schema, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name").Select(r => (string)r[0]!))
        {
            var columns = string.Join(", ", Rows(schema, $"PRAGMA table_info(\"{table}\")").OrderBy(c => (long)c[0]!).Select(c => $"\"{c[1]}\""));
            var rows = Rows(connection, $"SELECT {columns} FROM \"{table}\" ORDER BY 1");
            lines.Add($"{table}: {rows.Count} rows");
            lines.AddRange(rows.Select(r => string.Join("|", r)));
        }

        return string.Join("\n", lines);
    }

    private static async Task<string> DescribePostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await using (var columns = new NpgsqlCommand("""
            SELECT 'table ' || table_name || ' column ' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                   || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity || coalesce(' collate ' || collation_name, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EF%'
            UNION ALL
            SELECT 'index ' || indexname || CASE WHEN indexdef LIKE 'CREATE UNIQUE%' THEN ' unique ' ELSE ' ' END || substring(indexdef from '\(.*\)$')
            FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EF%'
            UNION ALL
            SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"__EF%'
            ORDER BY 1
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join("\n", lines);
    }

    private static string Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        var lines = new List<string>();
        var tables = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'TokenNameSearch%' AND name NOT LIKE 'TokenNameGrams%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name")
            .Select(r => (string)r[0]!);
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange(Rows(connection, $"PRAGMA table_info(\"{table}\")")
                .Select(c => $"  column {c[1]} {c[2]} {((long)c[3]! == 1 ? "not null" : "null")} pk={c[5]} default={c[4]}")
                .Order(StringComparer.Ordinal)); // a column added by a migration comes last, wherever the model has it

            lines.AddRange(Rows(connection, $"PRAGMA foreign_key_list(\"{table}\")")
                .Select(f => $"  foreign key ({f[3]}) -> {f[2]}({f[4]}) on delete {f[6]}").Order(StringComparer.Ordinal));
            foreach (var index in Rows(connection, $"PRAGMA index_list(\"{table}\")").Where(i => (string)i[3]! == "c").OrderBy(i => (string)i[1]!, StringComparer.Ordinal))
            {
                var columns = Rows(connection, $"PRAGMA index_info(\"{index[1]}\")").OrderBy(c => (long)c[0]!).Select(c => (string)c[2]!);
                lines.Add($"index {index[1]}{((long)index[2]! == 1 ? " unique" : "")} ({string.Join(", ", columns)})");
            }
        }

        return string.Join("\n", lines);
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
