using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>edge-gateway provision</c>: writes a gateway's identity, site, coordinates, time zone, broker and credentials
/// into its configuration file, keeping everything else in it. The result is validated before it is written; the file
/// is replaced atomically (write to a temp file, flush, rename) with mode 0600, since it holds credentials.
/// </summary>
public static class ProvisionVerb
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: edge-gateway provision --config PATH --gateway-id ID [--site NAME] [--lat L --lon L] [--tz ZONE]
                                      [--broker HOST[:PORT]] [--tls] [--username U] [--password-file F | --password P]
        """;

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["--gateway-id"] = "GatewayId",
        ["--site"] = "Site:Name",
        ["--lat"] = "Site:Latitude",
        ["--lon"] = "Site:Longitude",
        ["--tz"] = "Site:TimeZone",
        ["--username"] = "Mqtt:Username",
        ["--password"] = "Mqtt:Password",
    };

    /// <summary>Runs the verb; 0 on success, 2 on bad arguments or an invalid result.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? path = null;
        var values = new Dictionary<string, JsonNode?>();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "--tls")
                {
                    values["Mqtt:Tls"] = true;
                    continue;
                }

                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{arg}: missing value");
                }

                string value = args[++i];
                switch (arg)
                {
                    case "--config":
                        path = value;
                        break;
                    case "--broker":
                        SetBroker(values, value);
                        break;
                    case "--password-file":
                        values["Mqtt:Password"] = File.ReadAllText(value).TrimEnd('\r', '\n');
                        break;
                    case "--lat" or "--lon":
                        values[Keys[arg]] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                            ? d : throw new ArgumentException($"{arg}: expected a number of degrees, got '{value}'");
                        break;
                    default:
                        values[Keys.TryGetValue(arg, out var key) ? key : throw new ArgumentException($"unknown argument '{arg}'")] = value;
                        break;
                }
            }

            if (path is null || !values.ContainsKey("GatewayId"))
            {
                throw new ArgumentException("--config and --gateway-id are required");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"provision: {ex.Message}{Environment.NewLine}{Usage}");
            return 2;
        }

        return Write(path, values, stdout, stderr);
    }

    private static void SetBroker(Dictionary<string, JsonNode?> values, string broker)
    {
        int colon = broker.LastIndexOf(':');
        if (colon > 0 && !broker.EndsWith(']'))
        {
            values["Mqtt:Port"] = int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                ? port : throw new ArgumentException($"--broker: bad port in '{broker}'");
            broker = broker[..colon];
        }

        values["Mqtt:Host"] = broker;
    }

    private static int Write(string path, Dictionary<string, JsonNode?> values, TextWriter stdout, TextWriter stderr)
    {
        JsonObject root;
        try
        {
            root = ConfigFile.Read(path);
        }
        catch (JsonException ex)
        {
            stderr.WriteLine($"provision: '{path}' is not valid JSON ({ex.Message}); nothing was changed");
            return 2;
        }

        var section = root["EdgeGateway"] as JsonObject ?? [];
        root["EdgeGateway"] = section;
        foreach (var (key, value) in values)
        {
            var parts = key.Split(':');
            var node = section;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value?.DeepClone();
        }

        try
        {
            // Validate exactly what will be written, as the service will read it.
            GatewayConfiguration.Load(root, new GatewayLaunch());
        }
        catch (GatewayConfigException ex)
        {
            stderr.WriteLine($"provision: the result would not start; nothing was changed.{Environment.NewLine}{ex.Message}");
            return 2;
        }

        ConfigFile.Write(path, root);
        stdout.WriteLine($"provisioned {values["GatewayId"]} in {Path.GetFullPath(path)} (mode 0600)");
        return 0;
    }
}
