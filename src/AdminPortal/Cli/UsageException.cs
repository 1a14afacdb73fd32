namespace AdminPortal.Cli;

/// <summary>The command line was used wrongly (unknown command or option, missing or malformed value): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
