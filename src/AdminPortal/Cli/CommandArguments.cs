using System.Globalization;

namespace AdminPortal.Cli;

/// <summary>
/// Positional words and <c>--option value</c> (or <c>--option=value</c>) pairs; options may repeat. Every option a
/// command does not take, and every value that does not parse, is a <see cref="UsageException"/>.
/// </summary>
internal sealed class CommandArguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public CommandArguments(IEnumerable<string> args, params string[] allowed)
    {
        using var items = args.GetEnumerator();
        while (items.MoveNext())
        {
            var arg = items.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                _positional.Add(arg);
                continue;
            }

            var (name, value) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], null);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"Unknown option '--{name}'.");
            }

            if (value is null)
            {
                value = items.MoveNext() ? items.Current : throw new UsageException($"Option '--{name}' needs a value.");
            }

            _options.TryAdd(name, []);
            _options[name].Add(value);
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public string? Optional(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public string Required(string name) => Optional(name) ?? throw new UsageException($"Option '--{name}' is required.");

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public DateTimeOffset? Instant(string name) =>
        Optional(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at
        : throw new UsageException($"Option '--{name}' must be an ISO 8601 date and time, for example 2027-01-31T00:00:00Z.");

    /// <summary>The single positional argument after the command words.</summary>
    public string Single(string what) =>
        _positional is [var only] ? only : throw new UsageException($"Give exactly one {what}.");

    public Guid SingleGuid() =>
        Guid.TryParse(Single("token GUID"), out var id) ? id : throw new UsageException($"'{_positional[0]}' is not a token GUID.");
}
