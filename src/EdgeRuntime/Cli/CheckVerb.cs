using System.Net.Sockets;
using EdgeGateway.Drivers.Bus;
using EdgeGateway.Drivers.Core;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Simulation;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>edge-gateway check</c>: the commissioning report. Probes every configured bus device (I2C and Modbus) once (and the broker,
/// if one is configured) and prints one line each; exits 0 only if all answer.
/// </summary>
public static class CheckVerb
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = RunArguments.Parse(args, out string? argumentError);
        if (parsed is null || parsed.Help)
        {
            await stderr.WriteLineAsync($"check: {argumentError ?? "help"}{Environment.NewLine}usage: edge-gateway check [--config PATH] [--simulate]");
            return 2;
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
            await stderr.WriteLineAsync($"check: {ex.Message}");
            return 2;
        }

        var failures = 0;
        var cabinet = options.Simulation.Enabled ? VirtualCabinetFactory.Create(options) : null;
        II2cBusFactory buses = cabinet ?? (II2cBusFactory)new LinuxI2cBusFactory();
        using (var devices = new DeviceRegistry(options, buses))
        {
            var readings = new List<Reading>();
            foreach (var device in devices.Polled)
            {
                readings.Clear();
                device.Poll(DateTimeOffset.UtcNow, readings);
                bool ok = device.Health.Ok;
                failures += ok ? 0 : 1;
                string detail = ok ? string.Join(", ", readings.Select(r => $"{r.Point}={r.Value:0.###}")) : device.Health.LastError ?? "no answer";
                await stdout.WriteLineAsync($"{(ok ? "OK  " : "FAIL")} {device.Id,-12} {detail}");
            }

            foreach (var (id, probe) in devices.Actuators)
            {
                string? error = probe();
                failures += error is null ? 0 : 1;
                await stdout.WriteLineAsync($"{(error is null ? "OK  " : "FAIL")} {id,-12} {error ?? "answers"}");
            }
        }

        failures += await CheckModbusAsync(options, cabinet, stdout);

        if (options.Mqtt.Configured && !options.Simulation.EmbeddedBroker)
        {
            string? error = await ProbeBrokerAsync(options.Mqtt.Host, options.Mqtt.Port);
            failures += error is null ? 0 : 1;
            await stdout.WriteLineAsync($"{(error is null ? "OK  " : "FAIL")} {"broker",-12} {options.Mqtt.Host}:{options.Mqtt.Port} {error ?? "accepts connections"}");
        }

        await stdout.WriteLineAsync(failures == 0 ? "all devices answer" : $"{failures} failed");
        return failures == 0 ? 0 : 1;
    }

    // Every Modbus slave read once through its profile, on the real master (or the virtual RS-485 under --simulate).
    private static async Task<int> CheckModbusAsync(GatewayOptions options, Drivers.Simulation.VirtualCabinet? cabinet, TextWriter stdout)
    {
        if (options.ModbusBuses.Count == 0)
        {
            return 0;
        }

        var time = TimeProvider.System;
        var profiles = ModbusProfiles.Load(options);
        IModbusClientFactory factory = cabinet is null || !options.Simulation.VirtualModbus
            ? new ModbusMasterFactory(time)
            : new VirtualModbus(options, profiles, cabinet, new StreetSimulation(options, cabinet, time.GetUtcNow()), time);
        var points = new Points.PointTable();
        using var modbus = new ModbusBuses(options, profiles, factory, new Points.ReadingSink(points, Sync.Recording.NullRecorder.Instance), time);
        int failures = 0;
        foreach (var (_, poller) in modbus.Pollers)
        {
            await poller.PollOnceAsync(time.GetUtcNow());
            foreach (var (id, health) in poller.GetHealth())
            {
                bool ok = health.LastSuccess is not null && health.LastError is null;
                failures += ok ? 0 : 1;
                string detail = ok
                    ? string.Join(", ", points.Snapshot().Where(r => r.Point.StartsWith(id + ".", StringComparison.Ordinal)).Take(4).Select(r => $"{r.Point}={r.Value:0.###}"))
                    : health.LastError ?? "no answer";
                await stdout.WriteLineAsync($"{(ok ? "OK  " : "FAIL")} {id,-12} {detail}");
            }
        }

        return failures;
    }

    private static async Task<string?> ProbeBrokerAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(host, port, timeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return ex.Message;
        }
    }
}
