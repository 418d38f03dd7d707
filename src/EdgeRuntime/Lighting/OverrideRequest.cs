using System.Text.Json;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// Validated arguments of <c>light.override</c> <c>{"group","level":0-100,"durationS":1-86400}</c> and
/// <c>light.release</c> <c>{"group"}</c> (CONTRACT.md, commands). Parsing never throws: bad input yields errors
/// naming the argument, for a <c>bad_request</c> response.
/// </summary>
/// <param name="Group">The lamp group id.</param>
/// <param name="Level">The level to hold, 0-100 %.</param>
/// <param name="DurationS">How long to hold it, 1-86400 s.</param>
internal sealed record OverrideRequest(string Group, int Level, int DurationS)
{
    /// <summary>Who asked (<c>mqtt</c>, <c>technician page</c>): the <c>by</c> of the override's <c>light.*</c> events.</summary>
    public string? By { get; init; }

    /// <summary>Longest override: one day (CONTRACT.md).</summary>
    public const int MaxDurationS = 86400;

    /// <summary>Parses <c>light.override</c> arguments; on failure <paramref name="errors"/> says what is wrong.</summary>
    public static bool TryParse(JsonElement args, out OverrideRequest? request, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        request = null;
        if (args.ValueKind != JsonValueKind.Object)
        {
            list.Add("arguments: expected a JSON object");
            errors = list;
            return false;
        }

        var group = ParseGroup(args, list);
        var level = Integer(args, "level", 0, 100, list);
        var duration = Integer(args, "durationS", 1, MaxDurationS, list);
        errors = list;
        if (list.Count > 0)
        {
            return false;
        }

        request = new OverrideRequest(group!, level, duration);
        return true;
    }

    /// <summary>Parses <c>light.release</c> arguments: just the group.</summary>
    public static bool TryParseRelease(JsonElement args, out string? group, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        group = args.ValueKind == JsonValueKind.Object ? ParseGroup(args, list) : null;
        if (args.ValueKind != JsonValueKind.Object)
        {
            list.Add("arguments: expected a JSON object");
        }

        errors = list;
        return list.Count == 0;
    }

    private static string? ParseGroup(JsonElement args, List<string> errors)
    {
        if (!args.TryGetProperty("group", out var g) || g.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(g.GetString()))
        {
            errors.Add("group: required, a non-empty string (the lamp group id)");
            return null;
        }

        return g.GetString();
    }

    private static int Integer(JsonElement args, string name, int min, int max, List<string> errors)
    {
        if (!args.TryGetProperty(name, out var v))
        {
            errors.Add($"{name}: required, an integer {min}..{max}");
            return 0;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var value) || value < min || value > max)
        {
            errors.Add($"{name}: expected an integer {min}..{max}, got {v.GetRawText()}");
            return 0;
        }

        return value;
    }
}
