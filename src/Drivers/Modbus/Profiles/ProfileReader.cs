using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>Typed field access on a profile's JSON that records one error per bad field (file: path.field: why).</summary>
internal sealed class ProfileReader(string source, List<string> errors)
{
    private readonly HashSet<string> _failed = [];

    public int ErrorCount => errors.Count;

    public void Error(string field, string message)
    {
        _failed.Add(field);
        errors.Add($"{source}: {field}: {message}");
    }

    public bool Failed(string path, string name) => _failed.Contains(path + name);

    public bool IsObject(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path.TrimEnd('.'), "must be an object");
        return false;
    }

    public void RejectUnknown(JsonElement e, string path, params string[] known)
    {
        foreach (var property in e.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(path + property.Name, $"unknown field (expected one of {string.Join(", ", known)})");
            }
        }
    }

    public string RequiredString(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Error(path + name, "is required (a non-empty string)");
            return "";
        }

        return v.GetString()!;
    }

    public string? OptionalString(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            Error(path + name, "must be a string");
            return null;
        }

        return v.GetString();
    }

    public double? OptionalNumber(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()))
        {
            Error(path + name, "must be a number");
            return null;
        }

        return v.GetDouble();
    }

    public int Integer(JsonElement e, string path, string name, int? fallback, int min, int max)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            if (fallback is { } f)
            {
                return f;
            }

            Error(path + name, $"is required (an integer {min}-{max})");
            return min;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n))
        {
            Error(path + name, $"must be an integer {min}-{max}");
            return min;
        }

        if (n < min || n > max)
        {
            Error(path + name, $"must be {min}-{max} (was {n})");
            return min;
        }

        return (int)n;
    }

    public T Enum<T>(JsonElement e, string path, string name, T? fallback, string[] allowed)
        where T : struct, Enum
    {
        if (!e.TryGetProperty(name, out var v))
        {
            if (fallback is { } f)
            {
                return f;
            }

            Error(path + name, $"is required (one of {string.Join(", ", allowed)})");
            return default;
        }

        string? text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (text is null || !allowed.Contains(text, StringComparer.OrdinalIgnoreCase) || !System.Enum.TryParse<T>(text, true, out var value))
        {
            Error(path + name, $"unknown {name} '{(text ?? v.GetRawText())}' (expected one of {string.Join(", ", allowed)})");
            return default;
        }

        return value;
    }

    /// <summary>A positive interval of at most a day, written as <c>"00:00:05"</c> or as a number of seconds.</summary>
    public TimeSpan? Interval(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        TimeSpan? result = v.ValueKind switch
        {
            JsonValueKind.Number when v.GetDouble() is > 0 and <= 86400 => TimeSpan.FromSeconds(v.GetDouble()),
            JsonValueKind.String when TimeSpan.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero && t <= TimeSpan.FromDays(1) => t,
            _ => null,
        };
        if (result is null)
        {
            Error(path + name, $"must be a positive interval of at most a day (\"00:00:05\" or seconds), was {v.GetRawText()}");
        }

        return result;
    }

    public IEnumerable<JsonElement> Array(JsonElement e, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(name, "is required (an array)");
            }

            return [];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(name, "must be an array");
            return [];
        }

        return v.EnumerateArray().ToList();
    }
}
