using System.Globalization;

namespace EdgeGateway.Sync.Json;

/// <summary>The contract's timestamp format: ISO 8601 UTC with milliseconds, <c>2026-11-26T16:00:00.000Z</c>.</summary>
public static class Iso8601
{
    /// <summary>Formats <paramref name="value"/> in UTC with milliseconds.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The length of <see cref="Format(DateTimeOffset)"/>'s result (years 0001-9999).</summary>
    public const int Length = 24;

    /// <summary>Writes <paramref name="value"/> as <see cref="Format(DateTimeOffset)"/> does, as ASCII into
    /// <paramref name="destination"/> (at least <see cref="Length"/> bytes), without allocating.</summary>
    public static int FormatUtf8(DateTimeOffset value, Span<byte> destination) =>
        value.UtcDateTime.TryFormat(destination, out int written, Pattern, CultureInfo.InvariantCulture) && written == Length
            ? written
            : throw new ArgumentException($"Needs {Length} bytes for a year 0001-9999.", nameof(destination));

    /// <summary>Formats a UTC <see cref="DateTime"/> with milliseconds.</summary>
    public static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
