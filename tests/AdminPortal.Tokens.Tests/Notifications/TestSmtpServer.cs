using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AdminPortal.Tokens.Tests.Notifications;

/// <summary>
/// A real SMTP server on a loopback port in the test process (the SmtpServer library): every message it accepts is kept,
/// parsed with MimeKit. <see cref="FailNext"/> makes it refuse the next messages with a temporary error (451), as a
/// server that is in trouble would.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message accepted, in order.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. _store.Messages];

    /// <summary>How many messages were refused.</summary>
    public int Refused => _store.Refused;

    /// <summary>The next <paramref name="count"/> messages are refused with 451.</summary>
    public void FailNext(int count) => _store.FailNext = count;

    public static TestSmtpServer Start() => new(FreePort());

    /// <summary>The settings that point the portal at this server (plain SMTP on loopback).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Notifications:PortalUrl"] = "https://portal.example.test",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "AdminPortal <portal@example.test>",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private int _failNext;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public int Refused;

        public int FailNext
        {
            set => Volatile.Write(ref _failNext, value);
        }

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _failNext) >= 0)
            {
                Interlocked.Increment(ref Refused);
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "try again later");
            }

            Interlocked.Exchange(ref _failNext, 0);
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
