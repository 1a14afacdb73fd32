using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

/// <summary>
/// Payloads an attacker or a careless paste would type: refused with a message naming the field when they hide something,
/// otherwise stored exactly as typed and found again, with nothing interpreted (no SQL, no LIKE wildcard, no markup).
/// </summary>
public class HostileInputTests
{
    public static TheoryData<string, string?, string> Refused => new()
    {
        { "Name", "\u200B", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "look\u200Balike", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "\uFEFFbom", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "two\u2028lines", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "lone \uD800 half", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "next\u0085line", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "\u061Cmarked", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "isolate\u2067exe.txt\u2069", "Name must not contain control, invisible or direction-override characters." },
        { "Name", "\u00A0\u2003\t ", "Name is required." },
        { "Name", new string('x', 101), "Name must be at most 100 characters." },
        { "Description", "tail \uDC00", "Description must not contain control, invisible or direction-override characters." },
        { "Description", "bell\u0007", "Description must not contain control, invisible or direction-override characters." },
        { "Description", "para\u2029graph", "Description must not contain control, invisible or direction-override characters." },
        { "Description", string.Concat(Enumerable.Repeat("🔑", 251)), "Description must be at most 500 characters." },
    };

    [Theory]
    [MemberData(nameof(Refused), DisableDiscoveryEnumeration = true)] // serialising the cases would mend the lone surrogates
    public async Task Hidden_or_oversized_text_is_refused_with_a_message_naming_the_field_and_nothing_is_stored(string field, string? value, string message)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var draft = field == "Name" ? TokenWorld.Draft(value!) : TokenWorld.Draft("fine") with { Description = value };

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, draft), TokenErrorCode.Invalid);

        Assert.Equal((field, message), (error.Field, error.Message));
        await using var db = world.Db();
        Assert.Empty(db.Tokens);
        Assert.Empty(await world.AuditAsync());
    }

    [Theory]
    [InlineData("🚀 deploy 🔑")]
    [InlineData("👨‍👩‍👧 family share")]
    [InlineData("'; DROP TABLE Tokens; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("{{7*7}} ${7*7} @(7*7)")]
    [InlineData("نشر الإصدار")]
    [InlineData("Ärger über Öl ß")]
    [InlineData("100% _done_ [x] \\ back")]
    public async Task Payload_in_a_name_and_description_is_stored_as_typed_and_found_by_its_own_words(string payload)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "unrelated");

        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft(payload) with { Description = payload + "\nsecond line" }));
        var found = TokenWorld.Ok(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { Name = payload }));

        var token = Assert.Single(found.Items);
        Assert.Equal(created.Token.Id, token.Id);
        Assert.Equal((payload, payload + "\nsecond line"), (token.Name, token.Description));
        await using var db = world.Db();
        Assert.Equal(2, db.Tokens.Count());
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%%")]
    [InlineData("' OR '1'='1")]
    public async Task Wildcards_and_quotes_in_a_name_search_match_only_names_containing_them(string search)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "alpha");
        await world.CreateAsync(owner, "beta");

        var found = TokenWorld.Ok(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { Name = search }));

        Assert.Empty(found.Items);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("' OR 1=1 --")]
    [InlineData("0x1g")]
    public async Task Guid_search_with_anything_but_hex_digits_and_dashes_is_refused(string search)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { GuidPrefix = search }), TokenErrorCode.Invalid);

        Assert.Equal("GuidPrefix", error.Field);
    }

    [Fact]
    public async Task Valid_to_at_the_end_of_time_is_stored_and_read_back_as_the_same_instant()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var end = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("forever") with { ValidTo = end }));

        Assert.Equal(end, (await world.StoredAsync(created.Token.Id))!.ValidTo);
    }

    [Fact]
    public async Task Dates_given_with_a_time_zone_offset_across_a_daylight_saving_change_keep_their_instant()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        // 2027-03-28 01:30 UTC is 03:30 CEST in Berlin, the night the clocks go forward (02:00-03:00 local does not exist).
        var from = new DateTimeOffset(2027, 3, 28, 3, 30, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(1));
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("dst") with { ValidFrom = from, ValidTo = to }));

        var stored = (await world.StoredAsync(created.Token.Id))!;
        Assert.Equal((from.UtcDateTime, to.UtcDateTime), (stored.ValidFrom!.Value.UtcDateTime, stored.ValidTo!.Value.UtcDateTime));
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (stored.ValidFrom.Value.Offset, stored.ValidTo.Value.Offset));
    }
}
