namespace AdminPortal.Cli;

/// <summary>Logs of a command run with its own message writer: one line per entry ("warn: Category: message").</summary>
internal sealed class WriterLoggerProvider(TextWriter messages) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(messages, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter messages, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                LogLevel.Critical => "crit",
                _ => logLevel.ToString().ToLowerInvariant(),
            };
            var line = $"{level}: {category}: {formatter(state, exception)}";
            lock (messages)
            {
                messages.WriteLine(exception is null ? line : $"{line}\n{exception}");
            }
        }
    }
}
