using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Tokens.Persistence;

/// <summary>Stores an instant as its UTC ticks: exact, and ordered by SQLite as a plain integer.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
