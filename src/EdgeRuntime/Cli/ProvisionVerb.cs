using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Web;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>edge-gateway provision</c>: writes a gateway's identity, site, coordinates, time zone, broker, credentials and
/// technician password into its configuration file, keeping everything else in it; or applies a provisioning file
/// left on the boot partition (<c>--apply-boot-file</c>), once. The result is validated before it is written; the
/// file is replaced atomically as <c>root:edge-gateway 0640</c> (<see cref="ConfigFile"/>), its folder created when
/// missing. Every failure is one line on stderr and its own exit code; nothing is changed then.
/// </summary>
internal static class ProvisionVerb
{
    /// <summary>Bad or missing arguments.</summary>
    public const int UsageError = 2;

    /// <summary>An input file (password, technician password, boot file) cannot be read.</summary>
    public const int InputUnreadable = 3;

    /// <summary>The existing configuration, or the boot file, is not a JSON object.</summary>
    public const int NotJson = 4;

    /// <summary>The result would not start the service (a value does not validate).</summary>
    public const int Invalid = 5;

    /// <summary>The configuration (or its folder) cannot be written.</summary>
    public const int WriteFailed = 6;

    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: edge-gateway provision --config PATH [options]
          --config PATH                   the configuration file (created, with its folder, when missing)
          --gateway-id ID                 the gateway's id: 1-64 letters, digits, '-' or '_' (required unless PATH has one)
          --site NAME                     the site's name
          --lat DEG --lon DEG             the cabinet's coordinates (both or neither), decimal degrees
          --tz ZONE                       the site's IANA time zone, e.g. Europe/Bucharest
          --broker HOST[:PORT]            the central MQTT broker
          --tls                           connect to the broker over TLS
          --username U                    the broker user name
          --password-file F               the broker password, read from F (first line)
          --password P                    the broker password (visible in ps: prefer --password-file)
          --technician-password-file F    the technician page's password, stored as a salted PBKDF2 hash
          --apply-boot-file F             merge F (a JSON configuration, e.g. /boot/firmware/edge-gateway.json) and
                                          remove it; absent: nothing to do; invalid: renamed F.rejected
          --help                          this text
        writes PATH as root:edge-gateway 0640 (the service reads it, nobody else); exit codes: 0 done,
        2 bad arguments, 3 unreadable input file, 4 not JSON, 5 invalid result, 6 cannot write
        """;

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["--gateway-id"] = "GatewayId",
        ["--site"] = "Site:Name",
        ["--tz"] = "Site:TimeZone",
        ["--username"] = "Mqtt:Username",
        ["--password"] = "Mqtt:Password",
    };

    /// <summary>Runs the verb; 0 on success, or one of the exit codes above with one line on stderr.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return RunCore(args, stdout);
        }
        catch (ProvisionException ex)
        {
            stderr.WriteLine($"provision: {ex.Message}");
            return ex.ExitCode;
        }
    }

    private static int RunCore(string[] args, TextWriter stdout)
    {
        string? path = null, bootFile = null;
        var values = new Dictionary<string, JsonNode?>();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h")
            {
                stdout.Write(Usage);
                return 0;
            }

            if (arg == "--tls")
            {
                values["Mqtt:Tls"] = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || !(Keys.ContainsKey(arg) || arg is "--config" or "--broker" or "--password-file"
                or "--technician-password-file" or "--lat" or "--lon" or "--apply-boot-file"))
            {
                throw new ProvisionException(UsageError, $"unknown argument '{arg}' (edge-gateway provision --help)");
            }

            if (i + 1 >= args.Length || (arg != "--password" && args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                throw new ProvisionException(UsageError, $"{arg}: missing value");
            }

            string value = args[++i];
            switch (arg)
            {
                case "--config":
                    path = value;
                    break;
                case "--apply-boot-file":
                    bootFile = value;
                    break;
                case "--broker":
                    SetBroker(values, value);
                    break;
                case "--password-file":
                    values["Mqtt:Password"] = ReadSecret(arg, value);
                    break;
                case "--technician-password-file":
                    string password = ReadSecret(arg, value);
                    if (password.Length < Options.WebOptionsValidator.MinPasswordLength)
                    {
                        throw new ProvisionException(Invalid, $"{arg}: the password must be at least {Options.WebOptionsValidator.MinPasswordLength} characters");
                    }

                    values["Web:PasswordHash"] = PasswordHash.Create(password);
                    // The hash replaces a plain password a hand-written file may hold.
                    values["Web:Password"] = null;
                    break;
                case "--lat" or "--lon":
                    values[arg == "--lat" ? "Site:Latitude" : "Site:Longitude"] =
                        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
                            ? d : throw new ProvisionException(UsageError, $"{arg}: expected a number of degrees, got '{value}'");
                    break;
                default:
                    values[Keys[arg]] = value;
                    break;
            }
        }

        if (values.ContainsKey("Site:Latitude") != values.ContainsKey("Site:Longitude"))
        {
            throw new ProvisionException(UsageError, "--lat and --lon go together: give both or neither");
        }

        if (path is null)
        {
            throw new ProvisionException(UsageError, "--config is required (edge-gateway provision --help)");
        }

        JsonObject? boot = null;
        if (bootFile is not null)
        {
            if (!File.Exists(bootFile))
            {
                stdout.WriteLine($"provision: no {bootFile}; nothing to apply");
                if (values.Count == 0)
                {
                    return 0;
                }
            }
            else
            {
                boot = ReadBootFile(bootFile);
            }
        }

        if (values.Count == 0 && boot is null)
        {
            throw new ProvisionException(UsageError, "nothing to provision: give --gateway-id and the other options (edge-gateway provision --help)");
        }

        try
        {
            Write(path, values, boot, stdout);
        }
        catch (ProvisionException ex) when (bootFile is not null && boot is not null && ex.ExitCode is Invalid)
        {
            Reject(bootFile);
            throw new ProvisionException(ex.ExitCode, $"{ex.Message}; {bootFile} renamed {bootFile}.rejected");
        }

        if (bootFile is not null && boot is not null)
        {
            // Applied once: the file (it may hold a password) must not be applied again on the next start.
            File.Delete(bootFile);
            stdout.WriteLine($"provision: applied and removed {bootFile}");
        }

        return 0;
    }

    private static string ReadSecret(string arg, string file)
    {
        try
        {
            string text = File.ReadAllText(file);
            int end = text.IndexOfAny(['\r', '\n']);
            string secret = end < 0 ? text : text[..end];
            return secret.Length > 0 ? secret : throw new ProvisionException(InputUnreadable, $"{arg}: '{file}' is empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProvisionException(InputUnreadable, $"{arg}: cannot read '{file}': {ex.Message}");
        }
    }

    private static JsonObject ReadBootFile(string file)
    {
        try
        {
            var root = ConfigFile.Read(file);
            return root["EdgeGateway"] as JsonObject
                ?? throw new JsonException("it has no \"EdgeGateway\" object");
        }
        catch (JsonException ex)
        {
            Reject(file);
            throw new ProvisionException(NotJson, $"--apply-boot-file: '{file}' is not a configuration ({ex.Message}); renamed {file}.rejected");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProvisionException(InputUnreadable, $"--apply-boot-file: cannot read '{file}': {ex.Message}");
        }
    }

    private static void Reject(string file)
    {
        try
        {
            File.Move(file, file + ".rejected", overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left where it is: the next start reports it again, which is still one clear line.
        }
    }

    private static void SetBroker(Dictionary<string, JsonNode?> values, string broker)
    {
        int colon = broker.LastIndexOf(':');
        if (colon > 0 && !broker.EndsWith(']'))
        {
            values["Mqtt:Port"] = int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
                ? port : throw new ProvisionException(UsageError, $"--broker: bad port in '{broker}'");
            broker = broker[..colon];
        }

        values["Mqtt:Host"] = broker.Length > 0 ? broker : throw new ProvisionException(UsageError, "--broker: missing host");
    }

    private static void Write(string path, Dictionary<string, JsonNode?> values, JsonObject? boot, TextWriter stdout)
    {
        JsonObject root;
        try
        {
            root = ConfigFile.Read(path);
        }
        catch (JsonException ex)
        {
            throw new ProvisionException(NotJson, $"'{path}' is not valid JSON ({ex.Message}); nothing was changed");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProvisionException(InputUnreadable, $"cannot read '{path}': {ex.Message}");
        }

        var section = root["EdgeGateway"] as JsonObject ?? [];
        root["EdgeGateway"] = section;
        if (boot is not null)
        {
            Merge(section, boot);
        }

        foreach (var (key, value) in values)
        {
            var parts = key.Split(':');
            var node = section;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            if (value is null)
            {
                node.Remove(parts[^1]);
            }
            else
            {
                node[parts[^1]] = value.DeepClone();
            }
        }

        if (section["GatewayId"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || id.GetValue<string>().Length == 0)
        {
            throw new ProvisionException(UsageError, "--gateway-id is required: the configuration has none yet; nothing was changed");
        }

        try
        {
            // Validate exactly what will be written, as the service will read it.
            GatewayConfiguration.Load(root, new GatewayLaunch());
        }
        catch (GatewayConfigException ex)
        {
            throw new ProvisionException(Invalid, $"the result would not start, nothing was changed: {string.Join("; ", ex.Errors)}");
        }

        string owner;
        try
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder))
            {
                // Like the package makes it: the group may add files (config.set), nobody else may look.
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.SetGroup);
                    ConfigFile.Secure(folder);
                }
            }

            owner = ConfigFile.Write(path, root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProvisionException(WriteFailed, $"cannot write '{path}': {ex.Message} (run as root: sudo edge-gateway provision ...)");
        }

        stdout.WriteLine($"provisioned {section["GatewayId"]} in {Path.GetFullPath(path)} ({owner})");
    }

    // A JSON merge: objects merge key by key, anything else (arrays too) replaces.
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private sealed class ProvisionException(int exitCode, string message) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }
}
