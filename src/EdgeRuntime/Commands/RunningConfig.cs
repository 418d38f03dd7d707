using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Commands;

/// <summary>The running configuration as JSON: its version (a hash of its content) and a copy with secrets redacted.</summary>
internal static class RunningConfig
{
    /// <summary>What a redacted secret reads as; <c>config.set</c> keeps the running secret where it sees it.</summary>
    public const string Redacted = "***";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The options as a JSON object (the <c>EdgeGateway</c> section), secrets included.</summary>
    public static JsonObject ToJson(GatewayOptions options) => JsonSerializer.SerializeToNode(options, Json)!.AsObject();

    /// <summary>The version: the first 16 hex digits of the SHA-256 of the options' JSON.</summary>
    public static string Version(GatewayOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson(options).ToJsonString())))[..16];

    /// <summary>A copy with every non-empty <c>Password</c> and <c>PasswordHash</c> replaced by <see cref="Redacted"/>.</summary>
    public static JsonObject Redact(JsonObject config)
    {
        var copy = config.DeepClone().AsObject();
        Walk(copy, (parent, key) =>
        {
            if (parent[key] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0)
            {
                parent[key] = Redacted;
            }
        });
        return copy;
    }

    /// <summary>Puts the running secret back wherever <paramref name="incoming"/> carries <see cref="Redacted"/>.</summary>
    public static void Unredact(JsonObject incoming, JsonObject running) =>
        Walk(incoming, (parent, key) =>
        {
            if (parent[key] is JsonValue v && v.TryGetValue(out string? s) && s == Redacted)
            {
                parent[key] = Find(running, Path(incoming, parent))?[key]?.DeepClone();
            }
        });

    private static void Walk(JsonObject node, Action<JsonObject, string> onPassword) =>
        WalkSecrets(node, (key, _) => IsSecret(key), onPassword);

    /// <summary>Calls <paramref name="onSecret"/> with (parent, key) for every member of <paramref name="node"/>, at any
    /// depth (objects and arrays of objects), that <paramref name="isSecret"/> names a secret; other members are walked into.</summary>
    internal static void WalkSecrets(JsonObject node, Func<string, JsonNode?, bool> isSecret, Action<JsonObject, string> onSecret)
    {
        foreach (var (key, child) in node.ToList())
        {
            if (isSecret(key, child))
            {
                onSecret(node, key);
            }
            else if (child is JsonObject o)
            {
                WalkSecrets(o, isSecret, onSecret);
            }
            else if (child is JsonArray a)
            {
                foreach (var item in a.OfType<JsonObject>())
                {
                    WalkSecrets(item, isSecret, onSecret);
                }
            }
        }
    }

    // The broker password and the technician password's hash (a hash can still be attacked offline).
    private static bool IsSecret(string key) =>
        key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("PasswordHash", StringComparison.OrdinalIgnoreCase);

    private static string Path(JsonObject root, JsonObject node) => node.GetPath()[root.GetPath().Length..];

    private static JsonObject? Find(JsonObject root, string path)
    {
        // Paths look like "$.Mqtt" relative to the section root; secrets live in objects, so a dotted walk suffices.
        JsonNode? node = root;
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o.FirstOrDefault(kv => kv.Key.Equals(part.Split('[')[0], StringComparison.OrdinalIgnoreCase)).Value : null;
        }

        return node as JsonObject;
    }
}
