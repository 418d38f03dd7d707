using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeGateway.Runtime.Cli;

/// <summary>The gateway's JSON configuration file: read whole, replaced atomically, readable by its owner only.</summary>
public static class ConfigFile
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's JSON object, or an empty one when it does not exist.</summary>
    /// <exception cref="JsonException">The file is not a JSON object.</exception>
    public static JsonObject Read(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not a JSON object") : [];

    /// <summary>The text <see cref="Write"/> would store.</summary>
    public static string Serialize(JsonObject root) => root.ToJsonString(Indented) + "\n";

    /// <summary>Replaces the file: write a temp file created with mode 0600, flush it to disk, rename over the old
    /// one. A power cut leaves either the old file or the new one, never half of either.</summary>
    public static void Write(string path, JsonObject root)
    {
        string temp = path + ".tmp";
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the first byte: the password is never readable by others, not even briefly.
            fileOptions.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temp, fileOptions))
        {
            stream.Write(Encoding.UTF8.GetBytes(Serialize(root)));
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, mode);
        }

        File.Move(temp, path, overwrite: true);
    }
}
