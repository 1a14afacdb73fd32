using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Notifications;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Notifications;

/// <summary>
/// Expiry notices from the producer to a real SMTP server on loopback: once each, across rounds, restarts and two nodes
/// at once (on the run's engine: SQLite, or PostgreSQL with ADMINPORTAL_TEST_ENGINE=Postgres), retried after failures.
/// </summary>
public class NoticeDeliveryTests
{
    [Fact]
    public async Task Expiry_notices_arrive_once_with_name_guid_expiry_and_link_and_no_secret_across_rounds_and_a_restart()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await TokenWorld.StartAsync(smtp.Settings());
        var owner = await world.UserAsync(name: "Olga Owner");
        var expiring = await CreateAsync(world, owner, "nightly backup", TokenWorld.Start.AddDays(5));
        await CreateAsync(world, owner, "far away", TokenWorld.Start.AddDays(30));

        await RoundAsync(world);
        await RoundAsync(world);
        await using (var restarted = await world.OpenAnotherProcessAsync())
        {
            await RoundAsync(restarted);
        }

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("user1@tenant-a.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Your API token \"nightly backup\" expires in 5 days", mail.Subject);
        var text = mail.TextBody;
        Assert.Contains("Token: nightly backup", text);
        Assert.Contains($"GUID: {expiring.Token.Id:D}", text);
        Assert.Contains("Expires: 2026-12-04 09:00 UTC", text);
        Assert.Contains($"Open it: https://portal.example.test/tokens/{expiring.Token.Id:D}", text);
        Assert.DoesNotContain(expiring.Secret, mail.ToString());
        if (Environment.GetEnvironmentVariable("ADMINPORTAL_SCREENSHOTS") is { Length: > 0 } folder)
        {
            // The received message as it arrived, for the documentation (like the browser tests' screenshots).
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "notify-mail.eml"), mail.ToString(), TestContext.Current.CancellationToken);
        }

        // On the expiry day (UTC) the owner is told once more, once.
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 0, 30, 0, TimeSpan.Zero));
        await RoundAsync(world);
        await RoundAsync(world);
        Assert.Equal(2, smtp.Received.Count);
        Assert.Equal("Your API token \"nightly backup\" expires today", smtp.Received[1].Subject);
        await using var db = world.Db();
        Assert.All(await db.Notices.ToListAsync(), n => Assert.NotNull(n.SentAt));
    }

    [Fact]
    public async Task Two_nodes_running_rounds_at_the_same_time_write_and_send_each_notice_once()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var node1 = await TokenWorld.StartAsync(smtp.Settings());
        var owners = new List<PortalUser>();
        for (var i = 0; i < 3; i++)
        {
            owners.Add(await node1.UserAsync());
        }

        var expected = new List<Guid>();
        foreach (var owner in owners)
        {
            for (var i = 0; i < 4; i++)
            {
                expected.Add((await CreateAsync(node1, owner, $"token {i}", TokenWorld.Start.AddDays(2 + i))).Token.Id);
            }
        }

        await using var node2 = await node1.OpenAnotherProcessAsync();
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(RoundAsync(node1), RoundAsync(node2));
        }

        // Whatever race a node lost in those rounds, it retries on its next: one more each, one after the other.
        await RoundAsync(node1);
        await RoundAsync(node2);
        await using var db = node1.Db();
        var notices = await db.Notices.ToListAsync();
        Assert.Equal(expected.Order(), notices.Select(n => n.TokenId!.Value).Order());
        Assert.All(notices, n => Assert.NotNull(n.SentAt));
        var received = smtp.Received.Select(m => m.TextBody).ToList();
        Assert.Equal(expected.Count, received.Count);
        Assert.All(expected, id => Assert.Single(received, body => body!.Contains(id.ToString("D"), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failing_mail_server_gets_the_notice_again_after_a_growing_wait_and_then_once()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await TokenWorld.StartAsync(smtp.Settings());
        var owner = await world.UserAsync();
        await CreateAsync(world, owner, "deploy", TokenWorld.Start.AddDays(3));
        await world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync();
        var sender = world.Services.GetRequiredService<NoticeSender>();
        smtp.FailNext(3);

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(0, await sender.DeliverDueAsync());
            var notice = await SingleNoticeAsync(world);
            Assert.Equal(attempt, notice.Attempts);
            Assert.Contains("try again later", notice.LastError);
            waits.Add(notice.NextAttemptAt!.Value - world.Clock.GetUtcNow());

            // Not before its time: a round in between sends nothing and leaves it as it is.
            Assert.Equal(0, await sender.DeliverDueAsync());
            Assert.Equal(attempt, (await SingleNoticeAsync(world)).Attempts);
            world.Clock.Advance(waits[^1]);
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)], waits);
        Assert.Equal(1, await sender.DeliverDueAsync());
        Assert.Equal(0, await sender.DeliverDueAsync());
        Assert.Single(smtp.Received);
        Assert.Equal(3, smtp.Refused);
        var sent = await SingleNoticeAsync(world);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_mail_server_that_cannot_be_reached_delays_delivery_but_not_the_notices()
    {
        var settings = TestSmtpServer.Start() is var gone ? gone.Settings() : null;
        await gone.DisposeAsync();
        await using var world = await TokenWorld.StartAsync(settings);
        var owner = await world.UserAsync();
        await CreateAsync(world, owner, "deploy", TokenWorld.Start.AddDays(3));

        await world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync();
        Assert.Equal(0, await world.Services.GetRequiredService<NoticeSender>().DeliverDueAsync());

        var notice = await SingleNoticeAsync(world);
        Assert.Null(notice.SentAt);
        Assert.Equal(1, notice.Attempts);
        Assert.NotNull(notice.LastError);
        Assert.Equal(NoticeKind.ExpiresSoon, notice.Kind);
    }

    internal static async Task<CreatedToken> CreateAsync(TokenWorld world, PortalUser owner, string name, DateTimeOffset? validTo) =>
        TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft(name) with { ValidTo = validTo }));

    private static async Task RoundAsync(TokenWorld world)
    {
        await world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync();
        await world.Services.GetRequiredService<NoticeSender>().DeliverDueAsync();
    }

    private static async Task<Notice> SingleNoticeAsync(TokenWorld world)
    {
        await using var db = world.Db();
        return await db.Notices.SingleAsync();
    }
}
