using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace EdgeGateway.Hil.Contract;

/// <summary>The schemas of <c>docs/asyncapi.yaml</c> as JSON Schemas (JsonSchema.Net): the YAML read with YamlDotNet,
/// <c>components.schemas</c> moved under <c>$defs</c> so that their <c>$ref</c>s resolve inside one document.</summary>
public sealed class AsyncApiSchemas
{
    private readonly JsonObject _document;
    private readonly Dictionary<string, JsonSchema> _byName = [];
    private readonly string _instance = Guid.NewGuid().ToString("N");

    private AsyncApiSchemas(JsonObject document) => _document = document;

    /// <summary>The whole AsyncAPI document as JSON.</summary>
    public JsonObject Document => _document;

    /// <summary>Loads the copy of docs/asyncapi.yaml beside the test assembly.</summary>
    public static AsyncApiSchemas Load()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "asyncapi.yaml")))
        {
            yaml.Load(reader);
        }

        return new AsyncApiSchemas(ToJson(yaml.Documents[0].RootNode)!.AsObject());
    }

    /// <summary>Validates <paramref name="payload"/> against component schema <paramref name="name"/>; the errors, none when valid.</summary>
    public IReadOnlyList<string> Validate(string name, string payload)
    {
        if (!_byName.TryGetValue(name, out var schema))
        {
            var defs = _document["components"]!["schemas"]!.DeepClone().AsObject();
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://edge-gateway.invalid/asyncapi/{_instance}/{name}",
                ["$ref"] = $"#/$defs/{name}",
                ["$defs"] = defs,
            };
            string text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            schema = JsonSchema.FromText(text);
            _byName[name] = schema;
        }

        using var instance = JsonDocument.Parse(payload);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "null" or "~" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
