using System.Text.Json.Nodes;
using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>edge-gateway check</c>: the commissioning report. Checks the clock is synchronised, probes every configured
/// bus device (I2C and Modbus) once with plausible values, and makes a real MQTT CONNECT to the broker with the
/// configured TLS and credentials (<see cref="BrokerProbe"/>); prints a table (or <c>--json</c>) and exits 0 only if
/// every check passes. A configuration with no devices at all fails: nothing answering is not "all answer".
/// </summary>
internal static class CheckVerb
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: edge-gateway check [--config PATH] [--simulate] [--json]
          --config PATH   the configuration to check (the package's: /etc/edge-gateway/config.json)
          --simulate      check against the virtual cabinet
          --json          one JSON document ({"ok":…,"checks":[{"name","kind","ok","detail"}]}) instead of the table
        exit codes: 0 every check passes, 1 some check fails, 2 bad arguments or configuration
        """;

    /// <summary>One line of the report.</summary>
    /// <param name="Name">What was checked (a device id, <c>clock</c>, <c>broker</c>).</param>
    /// <param name="Kind">clock, i2c, actuator, modbus, broker or devices.</param>
    /// <param name="Ok">Whether it passed.</param>
    /// <param name="Detail">The values read, or what failed.</param>
    public sealed record Result(string Name, string Kind, bool Ok, string Detail);

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool json = args.Contains("--json");
        var parsed = RunArguments.Parse(args.Where(a => a != "--json").ToArray(), out string? argumentError);
        if (parsed is null || parsed.Help)
        {
            await (parsed is null ? stderr : stdout).WriteLineAsync(parsed is null ? $"check: {argumentError} (edge-gateway check --help)" : Usage);
            return parsed is null ? 2 : 0;
        }

        GatewayOptions options;
        try
        {
            var launch = new GatewayLaunch { ConfigPath = parsed.ConfigPath, Simulate = parsed.Simulate };
            var builder = new ConfigurationBuilder();
            GatewayConfiguration.AddSources(builder, launch);
            options = GatewayConfiguration.Load(builder.Build(), launch);
        }
        catch (GatewayConfigException ex)
        {
            await stderr.WriteLineAsync($"check: {string.Join("; ", ex.Errors)}");
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            await stderr.WriteLineAsync($"check: cannot read the configuration: {ex.Message}");
            return 2;
        }

        var results = await CheckAllAsync(options, new SystemClockTrust());
        if (json)
        {
            var document = new JsonObject
            {
                ["ok"] = results.All(r => r.Ok),
                ["checks"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name,
                    ["kind"] = r.Kind,
                    ["ok"] = r.Ok,
                    ["detail"] = r.Detail,
                }).ToArray()),
            };
            await stdout.WriteLineAsync(document.ToJsonString());
        }
        else
        {
            foreach (var r in results)
            {
                await stdout.WriteLineAsync($"{(r.Ok ? "OK  " : "FAIL")} {r.Name,-12} {r.Detail}");
            }

            int failed = results.Count(r => !r.Ok);
            await stdout.WriteLineAsync(failed == 0 ? $"all {results.Count} checks pass" : $"{failed} of {results.Count} checks failed");
        }

        return results.All(r => r.Ok) ? 0 : 1;
    }

    /// <summary>Every check for <paramref name="options"/>, in report order.</summary>
    public static async Task<IReadOnlyList<Result>> CheckAllAsync(GatewayOptions options, IClockTrust clock)
    {
        var results = new List<Result>
        {
            options.Simulation.Enabled
                ? new Result("clock", "clock", true, "virtual cabinet: the host's clock")
                : clock.Synced
                    ? new Result("clock", "clock", true, "synchronised (systemd-timesyncd, or an RTC)")
                    : new Result("clock", "clock", false, "not synchronised: no NTP sync yet and no /dev/rtc0 (lighting falls back to its fail-safe)"),
        };

        // The host's own devices part: the same buses, drivers and Modbus pollers `run` opens, none started.
        var time = TimeProvider.System;
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(options)
            .AddSingleton(time)
            .AddSingleton<IRecorder>(NullRecorder.Instance)
            .AddDevices(options, ModbusProfiles.Load(options), time, virtualCabinet: options.Simulation.Enabled, pollers: false)
            .BuildServiceProvider();
        var devices = services.GetRequiredService<DeviceRegistry>();
        var readings = new List<Reading>();
        foreach (var device in devices.Polled)
        {
            readings.Clear();
            device.Poll(DateTimeOffset.UtcNow, readings);
            string? implausible = Implausible(readings);
            bool ok = device.Health.Ok && implausible is null;
            string detail = !device.Health.Ok ? device.Health.LastError ?? "no answer"
                : implausible ?? string.Join(", ", readings.Select(r => $"{r.Point}={r.Value:0.###}"));
            results.Add(new Result(device.Id, "i2c", ok, detail));
        }

        foreach (var (id, probe) in devices.Actuators)
        {
            string? error = probe();
            results.Add(new Result(id, "actuator", error is null, error ?? "answers"));
        }

        await CheckModbusAsync(services.GetRequiredService<ModbusBuses>(), services.GetRequiredService<PointTable>(), time, results);
        if (results.Count == 1)
        {
            results.Add(new Result("devices", "devices", false, "none configured (EdgeGateway:I2cBuses and EdgeGateway:ModbusBuses are empty)"));
        }

        if (options.Mqtt.Configured && !options.Simulation.EmbeddedBroker)
        {
            string? error = await BrokerProbe.ProbeAsync(options.Mqtt, options.GatewayId);
            string where = $"{options.Mqtt.Host}:{options.Mqtt.Port}{(options.Mqtt.Tls ? " (TLS)" : "")}";
            results.Add(new Result("broker", "broker", error is null, error is null ? $"{where} accepted an MQTT CONNECT" : $"{where} {error}"));
        }
        else if (!options.Mqtt.Configured)
        {
            results.Add(new Result("broker", "broker", false, "none configured (EdgeGateway:Mqtt:Host): nothing would leave the cabinet"));
        }

        return results;
    }

    // A bus that answers with NaN or infinity is as broken as one that does not answer.
    private static string? Implausible(IEnumerable<Reading> readings) =>
        readings.FirstOrDefault(r => !double.IsFinite(r.Value)) is { Point: not null } bad ? $"implausible: {bad.Point}={bad.Value}" : null;

    // Every Modbus slave read once through its profile, on the real master (or the virtual RS-485 under --simulate).
    private static async Task CheckModbusAsync(ModbusBuses modbus, PointTable points, TimeProvider time, List<Result> results)
    {
        foreach (var (_, poller) in modbus.Pollers)
        {
            await poller.PollOnceAsync(time.GetUtcNow());
            foreach (var (id, health) in poller.GetHealth())
            {
                var own = points.Snapshot().Where(r => r.Point.StartsWith(id + ".", StringComparison.Ordinal)).ToList();
                string? implausible = Implausible(own);
                bool ok = health.LastSuccess is not null && health.LastError is null && implausible is null;
                string detail = health.LastSuccess is null || health.LastError is not null
                    ? health.LastError ?? "no answer"
                    : implausible ?? string.Join(", ", own.Take(4).Select(r => $"{r.Point}={r.Value:0.###}"));
                results.Add(new Result(id, "modbus", ok, detail));
            }
        }
    }
}
