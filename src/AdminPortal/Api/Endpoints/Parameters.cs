using System.Globalization;

namespace AdminPortal.Api.Endpoints;

/// <summary>
/// Parses query parameters bound as text, collecting one clear message per bad parameter, so that a bad value is a
/// 400 naming it (never a binding exception).
/// </summary>
internal sealed class Parameters
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Valid => Errors.Count == 0;

    public int Int(string name, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }

    public Guid? Guid(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (System.Guid.TryParse(value, out var id))
        {
            return id;
        }

        Errors[name] = [$"'{name}' must be a GUID."];
        return null;
    }

    public DateTimeOffset? Instant(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        Errors[name] = [$"'{name}' must be an ISO 8601 date and time, for example 2026-11-29T09:00:00Z."];
        return null;
    }

    public bool Flag(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        Errors[name] = [$"'{name}' must be true or false."];
        return false;
    }

    public T? Enum<T>(string name, string? value)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var match = System.Enum.GetNames<T>().FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return System.Enum.Parse<T>(match);
        }

        Errors[name] = [$"'{name}' must be one of: {string.Join(", ", System.Enum.GetNames<T>().Select(Camel))}."];
        return null;
    }

    public List<T> Enums<T>(string name, string[]? values)
        where T : struct, Enum =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum<T>(name, v)).OfType<T>()];

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
