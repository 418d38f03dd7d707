using System.Globalization;

namespace EdgeGateway.Sync.Json;

/// <summary>The contract's timestamp format: ISO 8601 UTC with milliseconds, <c>2026-11-26T16:00:00.000Z</c>.</summary>
public static class Iso8601
{
    /// <summary>Formats <paramref name="value"/> in UTC with milliseconds.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The length of <see cref="Format(DateTimeOffset)"/>'s result (years 0001-9999).</summary>
    public const int Length = 24;

    /// <summary>Writes <paramref name="value"/> as <see cref="Format(DateTimeOffset)"/> does, as ASCII into
    /// <paramref name="destination"/> (at least <see cref="Length"/> bytes), without allocating.</summary>
    public static int FormatUtf8(DateTimeOffset value, Span<byte> destination)
    {
        var t = value.UtcDateTime;
        Digits(destination[..4], t.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), t.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), t.Day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), t.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), t.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), t.Second);
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 3), t.Millisecond);
        destination[23] = (byte)'Z';
        return Length;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Formats a UTC <see cref="DateTime"/> with milliseconds.</summary>
    public static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
