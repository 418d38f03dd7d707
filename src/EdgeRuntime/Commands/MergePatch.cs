using System.Text.Json.Nodes;

namespace EdgeGateway.Runtime.Commands;

/// <summary>RFC 7386 JSON merge patch. Object members merge (a <c>null</c> member deletes), anything else replaces,
/// arrays whole. Member names match without regard to case, as the configuration binder reads them: a patch's
/// <c>"mqtt"</c> changes the stored <c>"Mqtt"</c> instead of adding a second section beside it.</summary>
internal static class MergePatch
{
    /// <summary>The result of applying <paramref name="patch"/> to <paramref name="target"/> (neither is changed).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? t.DeepClone().AsObject() : [];
        foreach (var (name, value) in patchObject)
        {
            string key = result.Select(kv => kv.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Apply(result[key], value);
                result.Remove(key);
                result[key] = merged;
            }
        }

        return result;
    }
}
