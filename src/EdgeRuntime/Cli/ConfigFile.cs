using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Durability;

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

    /// <summary>Replaces the file durably (<see cref="AtomicFile"/>: temp file, fsync, rename, fsync of the folder),
    /// created with mode 0600. A power cut leaves either the old file or the new one, never half of either.</summary>
    public static void Write(string path, JsonObject root) =>
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(Serialize(root)), UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
