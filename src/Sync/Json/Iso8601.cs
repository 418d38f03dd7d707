using System.Globalization;

namespace EdgeGateway.Sync.Json;

/// <summary>The contract's timestamp format: ISO 8601 UTC with milliseconds, <c>2026-11-26T16:00:00.000Z</c>.</summary>
public static class Iso8601
{
    /// <summary>Formats <paramref name="value"/> in UTC with milliseconds.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a UTC <see cref="DateTime"/> with milliseconds.</summary>
    public static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
