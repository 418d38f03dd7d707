using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Durability;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// The gateway's JSON configuration file: read whole, replaced atomically, mode 0640 and group
/// <see cref="ServiceGroup"/>, so that root (provision) writes it, the service reads it, and nobody else can.
/// </summary>
internal static class ConfigFile
{
    /// <summary>The service's group (the package creates it; the unit runs as <c>edge-gateway:edge-gateway</c>).</summary>
    public const string ServiceGroup = "edge-gateway";

    /// <summary>The mode the file is written with: owner read/write, group read.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

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

    /// <summary>Replaces the file durably (<see cref="AtomicFile"/>: temp file, fsync, rename, fsync of the folder)
    /// with mode 0640, then gives it to <c>root:edge-gateway</c> (<see cref="Secure"/>). A power cut leaves either
    /// the old file or the new one, never half of either.</summary>
    /// <returns>Who owns the file now, e.g. <c>root:edge-gateway 0640</c>.</returns>
    public static string Write(string path, JsonObject root)
    {
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(Serialize(root)), Mode);
        return Secure(path);
    }

    /// <summary>
    /// Makes <paramref name="path"/> readable by the service: as root, <c>root:edge-gateway</c>; as another user,
    /// that user with group <c>edge-gateway</c> if it may give it. Where the group does not exist (a developer's
    /// machine, a test) the file keeps the writer's own group: still 0640, still unreadable by others.
    /// </summary>
    /// <returns>The owner, group and mode, for the one line the verbs print.</returns>
    public static string Secure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return "owner only";
        }

        var mode = Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
        string user = Environment.IsPrivilegedProcess ? "root" : Environment.UserName;
        if (GroupId(ServiceGroup) is not { } gid)
        {
            return $"{user} {mode} (group {ServiceGroup} does not exist here: the file keeps its writer's group)";
        }

        return Chown(path, Environment.IsPrivilegedProcess ? 0 : -1, gid) == 0
            ? $"{user}:{ServiceGroup} {mode}"
            : $"{user} {mode} (could not give it to group {ServiceGroup}: errno {Marshal.GetLastPInvokeError()})";
    }

    /// <summary>The id of <paramref name="group"/> in <c>/etc/group</c>, or null when there is none.</summary>
    public static int? GroupId(string group, string groupFile = "/etc/group")
    {
        if (!File.Exists(groupFile))
        {
            return null;
        }

        foreach (var line in File.ReadLines(groupFile))
        {
            var parts = line.Split(':');
            if (parts.Length >= 3 && parts[0] == group && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                return id;
            }
        }

        return null;
    }

    // chown(2): .NET has no API for a file's owner. An owner of -1 leaves it as it is.
    [DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Chown(string path, int owner, int group);
}
