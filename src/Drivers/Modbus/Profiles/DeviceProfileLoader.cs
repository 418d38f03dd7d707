using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>
/// Loads device profiles (one JSON file per device model) and validates all of them before anything polls:
/// an installer adds a meter model by dropping a file into <c>profiles/</c>, so a mistake in that file must be
/// reported by file and field, never discovered as a wrong reading in the field. Unknown fields are errors too,
/// so a misspelt <c>wordorder</c> does not silently fall back to ABCD.
/// </summary>
public static class DeviceProfileLoader
{
    /// <summary>Folder name the build copies the shipped profiles to, beside the binaries.</summary>
    public const string FolderName = "profiles";

    /// <summary>Modbus spec 6.3/6.4: at most 125 registers per read.</summary>
    public const int MaxRegistersLimit = 125;

    /// <summary>The shipped profiles' folder: <c>profiles/</c> beside the running binaries.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>Loads and validates one file; throws <see cref="DeviceProfileException"/> naming every bad field.</summary>
    public static DeviceProfile LoadFile(string path)
    {
        var errors = new List<string>();
        var profile = Parse(File.ReadAllText(path), Path.GetFileName(path), errors);
        return errors.Count == 0 ? profile! : throw new DeviceProfileException(errors);
    }

    /// <summary>
    /// Loads every <c>*.json</c> of <paramref name="folder"/>, keyed by model (case-insensitive). Every file is
    /// checked and all errors are reported together; two files declaring the same model are an error.
    /// </summary>
    public static IReadOnlyDictionary<string, DeviceProfile> LoadFolder(string folder)
    {
        var errors = new List<string>();
        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var profile = Parse(File.ReadAllText(file), Path.GetFileName(file), errors);
            if (profile is null)
            {
                continue;
            }

            if (profiles.TryGetValue(profile.Model, out var other))
            {
                errors.Add($"{profile.Source}: model: '{profile.Model}' is already declared by {other.Source}");
                continue;
            }

            profiles.Add(profile.Model, profile);
        }

        return errors.Count == 0 ? profiles : throw new DeviceProfileException(errors);
    }

    /// <summary>Parses and validates profile text; <paramref name="source"/> names it in errors.</summary>
    public static DeviceProfile Parse(string json, string source)
    {
        var errors = new List<string>();
        var profile = Parse(json, source, errors);
        return errors.Count == 0 ? profile! : throw new DeviceProfileException(errors);
    }

    private static DeviceProfile? Parse(string json, string source, List<string> errors)
    {
        int before = errors.Count;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            errors.Add($"{source}: not valid JSON: {ex.Message}");
            return null;
        }

        using (document)
        {
            var r = new ProfileReader(source, errors);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{source}: the root must be an object");
                return null;
            }

            r.RejectUnknown(root, "", "model", "manufacturer", "notes", "maxRegistersPerRequest", "maxGap", "pollInterval", "points", "writable");
            string model = r.RequiredString(root, "", "model");
            string manufacturer = r.RequiredString(root, "", "manufacturer");
            string? notes = r.OptionalString(root, "", "notes");
            int maxRegisters = r.Integer(root, "", "maxRegistersPerRequest", null, 1, MaxRegistersLimit);
            int maxGap = r.Integer(root, "", "maxGap", 0, 0, MaxRegistersLimit - 1);
            var interval = r.Interval(root, "", "pollInterval") ?? DeviceProfile.DefaultPollInterval;

            var points = new List<ProfilePoint>();
            int index = 0;
            foreach (var element in r.Array(root, "points", required: true))
            {
                if (PointParser.ReadPoint(r, element, $"points[{index}].", maxRegisters) is { } point)
                {
                    if (points.Any(p => p.Name == point.Name))
                    {
                        errors.Add($"{source}: points[{index}].name: duplicate point '{point.Name}'");
                    }

                    points.Add(point);
                }

                index++;
            }

            var writable = new List<WritablePoint>();
            index = 0;
            foreach (var element in r.Array(root, "writable", required: false))
            {
                if (PointParser.ReadWritable(r, element, $"writable[{index}].") is { } point)
                {
                    if (writable.Any(p => p.Name == point.Name))
                    {
                        errors.Add($"{source}: writable[{index}].name: duplicate writable '{point.Name}'");
                    }

                    writable.Add(point);
                }

                index++;
            }

            if (points.Count == 0 && writable.Count == 0 && errors.Count == before)
            {
                errors.Add($"{source}: points: a profile needs at least one point");
            }

            return errors.Count == before
                ? new DeviceProfile(model, manufacturer, notes, maxRegisters, maxGap, interval, points, writable, source)
                : null;
        }
    }
}
