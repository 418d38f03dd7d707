using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Web;

/// <summary>The technician's tools: lamp test (audit-logged as a <c>lamp.test</c> event with <c>by</c>), Modbus register
/// reader, I2C bus scan, log tail and the diagnostics bundle (a zip with no secret in it).</summary>
internal sealed class TechnicianTools(GatewayView view, LogRing ring, LogHistory history)
{
    /// <summary>Longest lamp test, minutes.</summary>
    public const int MaxLampTestMinutes = 60;

    /// <summary>Most registers one read may ask for (the Modbus limit for FC 3/4).</summary>
    public const int MaxRegisters = 125;

    /// <summary>What the lamp test's override is called in <c>light.*</c> events.</summary>
    public const string LampTestBy = PageLogins.By + " (lamp test)";

    // Config keys whose values are secrets: redacted in the bundle, and their values scrubbed from every file in it.
    private static readonly string[] SecretWords = ["password", "secret", "token", "passphrase", "privatekey", "apikey"];

    /// <summary>Holds <c>group</c> at <c>level</c> for <c>minutes</c>, then the program takes over again.</summary>
    /// <exception cref="CommandException"><c>bad_request</c> naming the bad argument.</exception>
    public async Task<JsonNode?> LampTestAsync(JsonObject body, string by)
    {
        if (body["minutes"] is not JsonValue m || m.GetValueKind() != JsonValueKind.Number || !m.TryGetValue(out int minutes) || minutes is < 1 or > MaxLampTestMinutes)
        {
            throw new CommandException("bad_request", $"minutes: expected an integer 1..{MaxLampTestMinutes}, got {body["minutes"]?.ToJsonString() ?? "nothing"}");
        }

        var result = (JsonObject)(await view.Override.Execute(new JsonObject { ["group"] = body["group"]?.DeepClone(), ["level"] = body["level"]?.DeepClone(), ["durationS"] = minutes * 60 }, LampTestBy))!;
        var now = view.Time.GetUtcNow();
        view.Recorder.Record(new GatewayEvent("lamp.test", (string)result["group"]!, Severity.Info, now, new Dictionary<string, object?>
        {
            ["group"] = (string)result["group"]!,
            ["level"] = body["level"]!.GetValue<int>(),
            ["minutes"] = minutes,
            ["until"] = (string)result["until"]!,
            ["by"] = by,
        }));
        return result;
    }

    /// <summary>Reads registers of a configured Modbus device: <c>{"device","table":"holding"|"input"|"coil"|"discrete",
    /// "address":0-65535,"count":1-125,"type":"u16"|"s16"|"u32"|"s32"|"f32"}</c>.</summary>
    /// <exception cref="CommandException"><c>bad_request</c> naming the bad argument; <c>unavailable</c> when the slave does not answer.</exception>
    public async Task<JsonNode?> ModbusReadAsync(JsonObject body, CancellationToken cancellationToken)
    {
        string? device = (body["device"] as JsonValue)?.TryGetValue(out string? d) == true ? d : null;
        if (device is null || view.Modbus.Find(device) is not { } found)
        {
            var known = string.Join(", ", view.Options.ModbusBuses.SelectMany(b => b.Devices).Select(x => x.Id));
            throw new CommandException("bad_request", $"device: expected a configured Modbus device ({(known.Length == 0 ? "none configured" : known)}), got {body["device"]?.ToJsonString() ?? "nothing"}");
        }

        var table = ((body["table"] as JsonValue)?.TryGetValue(out string? t) == true ? t : null) switch
        {
            "holding" => ModbusTable.Holding,
            "input" => ModbusTable.Input,
            "coil" => ModbusTable.Coil,
            "discrete" => ModbusTable.Discrete,
            _ => throw new CommandException("bad_request", $"table: expected holding, input, coil or discrete, got {body["table"]?.ToJsonString() ?? "nothing"}"),
        };
        int address = Int(body, "address", 0, 65535);
        int count = Int(body, "count", 1, MaxRegisters);
        if (address + count > 65536)
        {
            throw new CommandException("bad_request", $"count: address {address} + count {count} runs past register 65535");
        }

        string typeName = (body["type"] as JsonValue)?.TryGetValue(out string? ty) == true ? ty : "u16";
        var (type, words) = typeName switch
        {
            "u16" => (ModbusDataType.U16, 1),
            "s16" => (ModbusDataType.S16, 1),
            "u32" => (ModbusDataType.U32, 2),
            "s32" => (ModbusDataType.S32, 2),
            "f32" => (ModbusDataType.F32, 2),
            _ => throw new CommandException("bad_request", $"type: expected u16, s16, u32, s32 or f32, got \"{typeName}\""),
        };

        ushort[] raw;
        try
        {
            raw = await found.Poller.ReadRawAsync(found.Device.UnitId, table, (ushort)address, (ushort)count, cancellationToken);
        }
        catch (ModbusException ex)
        {
            throw new CommandException("unavailable", $"{device} (unit {found.Device.UnitId}) did not answer: {ex.Message}");
        }

        var rows = new JsonArray();
        bool bits = table is ModbusTable.Coil or ModbusTable.Discrete;
        for (int i = 0; i < raw.Length; i += bits ? 1 : words)
        {
            double? value = bits ? raw[i] : i + words <= raw.Length ? ModbusValueCodec.DecodeRaw(raw.AsSpan(i, words), type, WordOrder.ABCD) : null;
            rows.Add(new JsonObject
            {
                ["address"] = address + i,
                ["raw"] = bits ? raw[i].ToString(CultureInfo.InvariantCulture) : string.Join(" ", raw.Skip(i).Take(words).Select(r => "0x" + r.ToString("X4", CultureInfo.InvariantCulture))),
                ["value"] = value is { } v && double.IsFinite(v) ? v : null,
            });
        }

        return new JsonObject { ["device"] = device, ["unitId"] = found.Device.UnitId, ["table"] = table.ToString().ToLowerInvariant(), ["type"] = typeName, ["rows"] = rows };
    }

    /// <summary>Probes every 7-bit address 0x03-0x77 of a configured I2C bus with a one-byte read: which answer, and
    /// which of those are configured.</summary>
    /// <exception cref="CommandException"><c>bad_request</c> for a bus that is not configured.</exception>
    public JsonNode? I2cScan(JsonObject body)
    {
        int bus = Int(body, "bus", 0, 255);
        var configured = view.Options.I2cBuses.FirstOrDefault(b => b.BusId == bus)
            ?? throw new CommandException("bad_request", $"bus: expected a configured I2C bus ({string.Join(", ", view.Options.I2cBuses.Select(b => b.BusId))}), got {bus}");
        var found = new JsonArray();
        for (int address = 0x03; address <= 0x77; address++)
        {
            try
            {
                using var device = view.I2c.Open(bus, address);
                device.ReadByte();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                continue;
            }

            var known = configured.Devices.FirstOrDefault(d => d.Address == address);
            found.Add(new JsonObject { ["address"] = "0x" + address.ToString("x2", CultureInfo.InvariantCulture), ["device"] = known?.Id, ["kind"] = known?.Kind });
        }

        var missing = configured.Devices.Where(d => !found.OfType<JsonObject>().Any(f => (string?)f["device"] == d.Id)).Select(d => (JsonNode)d.Id);
        return new JsonObject { ["bus"] = bus, ["found"] = found, ["missing"] = new JsonArray([.. missing]) };
    }

    /// <summary>The last <paramref name="lines"/> log lines, secrets scrubbed.</summary>
    public JsonNode LogTail(int lines)
    {
        var secrets = Secrets();
        return new JsonObject { ["lines"] = new JsonArray([.. ring.Tail(lines).Select(l => (JsonNode)Scrub(l, secrets))]) };
    }

    /// <summary>The diagnostics bundle: <c>config.json</c> (secrets redacted), <c>log.txt</c>, <c>health.json</c>,
    /// <c>state.json</c>, <c>events.json</c>; every secret's value scrubbed from every file.</summary>
    public async Task<byte[]> BundleAsync(JsonObject state, CancellationToken cancellationToken)
    {
        var secrets = Secrets();
        var config = Redact(RunningConfig.ToJson(view.Options));
        history.Refresh(view.Time.GetUtcNow());
        var files = new (string Name, string Text)[]
        {
            ("config.json", config.ToJsonString(Indented)),
            ("log.txt", string.Join('\n', ring.Tail(500)) + "\n"),
            ("health.json", view.Health.Snapshot().ToIndentedJson()),
            ("state.json", state.ToJsonString(Indented)),
            ("events.json", history.Events(null, LogHistory.MaxEvents).ToJsonString(Indented)),
        };
        using var buffer = new MemoryStream();
        await using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = view.Time.GetUtcNow();
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Scrub(text, secrets)), cancellationToken);
            }
        }

        return buffer.ToArray();
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static bool IsSecretKey(string key) => SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>A copy of the config with every secret-named key's non-empty value replaced by <c>***</c>.</summary>
    public static JsonObject Redact(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        Walk(copy, (parent, key) => parent[key] = RunningConfig.Redacted);
        return copy;
    }

    private List<string> Secrets()
    {
        var secrets = new List<string>();
        Walk(RunningConfig.ToJson(view.Options), (parent, key) => secrets.Add((string)parent[key]!));
        return [.. secrets.Where(s => s.Length >= 4).Distinct().OrderByDescending(s => s.Length)];
    }

    // A secret-named key holding a non-empty string (the page's wider list of secret words than config.get's).
    private static void Walk(JsonObject node, Action<JsonObject, string> onSecret) =>
        RunningConfig.WalkSecrets(node, (key, child) => IsSecretKey(key) && child is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0, onSecret);

    private static string Scrub(string text, List<string> secrets)
    {
        foreach (string s in secrets)
        {
            text = text.Replace(s, RunningConfig.Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    private static int Int(JsonObject body, string name, int min, int max) =>
        body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) && i >= min && i <= max
            ? i
            : throw new CommandException("bad_request", $"{name}: expected an integer {min}..{max}, got {body[name]?.ToJsonString() ?? "nothing"}");
}
