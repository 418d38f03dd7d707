using System.Text.Json.Nodes;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>
/// Every configured Modbus bus: its client and its poller (one loop per bus), the devices by id for the lamp
/// outputs and distance sources that command or listen to them, and the per-slave health for the health message
/// and /metrics. Each device's poll goes to the sample hub as one sample, like any bus's.
/// </summary>
internal sealed class ModbusBuses : IDisposable
{
    private readonly List<(ModbusBusOptions Options, IModbusClient Client, ModbusBusPoller Poller)> _buses = [];
    private readonly Dictionary<string, (ModbusBusPoller Poller, ModbusDevice Device)> _devices = new(StringComparer.Ordinal);

    /// <summary>Opens every bus of <paramref name="options"/> with profiles from <paramref name="profiles"/>.</summary>
    public ModbusBuses(GatewayOptions options, IReadOnlyDictionary<string, DeviceProfile> profiles, IModbusClientFactory factory, SampleHub hub, TimeProvider time)
    {
        foreach (var bus in options.ModbusBuses)
        {
            var devices = bus.Devices.Select(d => new ModbusDevice(d.Id, profiles[d.Profile], (byte)d.UnitId, d.PollInterval)).ToList();
            var client = factory.Open(bus);
            var poller = new ModbusBusPoller(client, devices, time, hub.Publish, new ModbusPollerOptions { BreakDuration = bus.BreakDuration });
            _buses.Add((bus, client, poller));
            foreach (var d in devices)
            {
                _devices[d.Id] = (poller, d);
            }
        }
    }

    /// <summary>Every bus's poller, by bus id.</summary>
    public IEnumerable<(string BusId, ModbusBusPoller Poller)> Pollers => _buses.Select(b => (b.Options.Id, b.Poller));

    /// <summary>Every point the Modbus devices publish.</summary>
    public IEnumerable<PointInfo> Points => _buses.SelectMany(b => b.Poller.Points);

    /// <summary>The poller and device for a Modbus device id, or null.</summary>
    public (ModbusBusPoller Poller, ModbusDevice Device)? Find(string deviceId) =>
        _devices.TryGetValue(deviceId, out var found) ? found : null;

    /// <summary>Per-slave health, by device id, as the health message and the technician page show it: the fields
    /// every device has (ok, reads, failures, lastSuccess, lastError) and the Modbus ones (bus, breaker, requests by
    /// outcome, latency).</summary>
    internal IEnumerable<(string Id, Hosting.ModbusSlaveHealthReport Report)> Health()
    {
        foreach (var (options, _, poller) in _buses)
        {
            foreach (var (id, h) in poller.GetHealth())
            {
                yield return (id, new Hosting.ModbusSlaveHealthReport
                {
                    Bus = options.Id,
                    UnitId = h.UnitId,
                    Ok = h.LastSuccess is not null && h.Breaker == Polly.CircuitBreaker.CircuitState.Closed && h.LastError is null,
                    Breaker = h.Breaker.ToString().ToLowerInvariant(),
                    Reads = h.Requests,
                    Failures = h.Requests - h.Successes,
                    Requests = h.Requests,
                    Successes = h.Successes,
                    Timeouts = h.Timeouts,
                    FrameErrors = h.FrameErrors,
                    Exceptions = h.ExceptionResponses.Values.Sum(),
                    TransportErrors = h.TransportErrors,
                    SkippedPolls = h.SkippedPolls,
                    LastSuccess = h.LastSuccess,
                    LatencyMs = h.LastLatency is { } l ? Math.Round(l.TotalMilliseconds, 1) : null,
                    AvgLatencyMs = h.AverageLatency is { } a ? Math.Round(a.TotalMilliseconds, 1) : null,
                    LastError = h.LastError,
                    FailingSince = h.FailingSince,
                });
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var bus in _buses)
        {
            bus.Client.Dispose();
        }
    }
}
