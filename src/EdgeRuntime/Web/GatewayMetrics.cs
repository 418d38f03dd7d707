using System.Diagnostics.Metrics;
using EdgeGateway.Sync.Uplink;
using Prometheus;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// The gateway's numbers as <see cref="System.Diagnostics.Metrics"/> instruments (observable: read from the live
/// singletons at each scrape), exported at <c>GET /metrics</c> by prometheus-net's <see cref="MeterAdapter"/> into a
/// registry of this page's own (two gateways in one test process never mix their figures). The adapter names a
/// metric <c>{meter}_{instrument}</c> with dots as underscores (<c>edge_point_value</c>), sorts labels by name, and
/// exposes observable counters with <c>TYPE gauge</c> (their names end in <c>_total</c>).
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "edge";

    private readonly Meter _meter = new(MeterName, GatewayClockVersion());
    private readonly IDisposable _adapter;
    private readonly Counter<long> _refused;

    /// <summary>Creates the instruments over <paramref name="view"/>.</summary>
    public GatewayMetrics(GatewayView view)
    {
        Registry = Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = i => ReferenceEquals(i.Meter, _meter),
        });
        _refused = _meter.CreateCounter<long>("web.refused.total", description: "Requests the technician page refused (bad Host, cross-site, too large, malformed).");

        _meter.CreateObservableGauge("point.value", () => view.Points.Snapshot().Select(r =>
        {
            var info = view.Points.Info(r.Point);
            return new Measurement<double>(r.Value, Tag("point", r.Point), Tag("device", info?.Device ?? ""), Tag("unit", info?.Unit ?? ""),
                Tag("kind", info?.Kind ?? ""), Tag("quality", Sync.Json.PayloadWriter.QualityName(r.Quality)));
        }), description: "Latest value of a point, in its unit.");
        _meter.CreateObservableGauge("point.age.seconds", () => view.Points.Snapshot().Select(r =>
            new Measurement<double>(Math.Round((view.Time.GetUtcNow() - r.Timestamp).TotalSeconds, 3), Tag("point", r.Point))),
            description: "Age of a point's latest value.");
        _meter.CreateObservableGauge("uplink.state", () => Enum.GetValues<UplinkState>().Select(s =>
            new Measurement<int>(view.Uplink.Status.State == s ? 1 : 0, Tag("state", s.ToString().ToLowerInvariant()))),
            description: "1 for the uplink's current state.");
        _meter.CreateObservableGauge("uplink.backlog.records", () => view.Log.Unsent().Count, description: "Log records not yet acknowledged by the broker.");
        _meter.CreateObservableGauge("uplink.oldest.unsent.age.seconds", () => view.Log.Unsent().Oldest is { } o ? Math.Round((view.Time.GetUtcNow() - o).TotalSeconds, 3) : 0,
            description: "Age of the oldest unsent record (0 when none).");
        _meter.CreateObservableCounter("uplink.published.total", () => view.Uplink.Status.Published, description: "Records acknowledged by the broker since start.");
        _meter.CreateObservableCounter("uplink.connect.attempts.total", () => view.Uplink.Status.ConnectAttempts, description: "Broker connect attempts since start.");
        _meter.CreateObservableCounter("uplink.dead.lettered.total", () => view.Uplink.Status.DeadLettered, description: "Records the broker refused as invalid since start.");
        _meter.CreateObservableGauge("log.bytes", () => view.Log.TotalBytes, description: "Size of the durable log.");
        // Flash wear, as health reports it (write_bytes of /proc/self/io, and that per reading recorded); absent where
        // /proc/self/io is not readable.
        _meter.CreateObservableGauge("log.disk.write.bytes", () => view.Health.Snapshot().Log.DiskWriteBytes is { } w ? [new Measurement<long>(w)] : Array.Empty<Measurement<long>>(),
            description: "Bytes this process wrote to the disk since start (write_bytes of /proc/self/io).");
        _meter.CreateObservableGauge("log.disk.write.bytes.per.reading", () =>
            view.Health.Snapshot().Log.DiskWriteBytesPerReading is { } b ? [new Measurement<double>(b)] : Array.Empty<Measurement<double>>(),
            description: "Bytes written to the disk per reading recorded since start (flash wear).");
        _meter.CreateObservableGauge("device.up", () => Devices(view).Select(d => new Measurement<int>(d.Value.Ok ? 1 : 0, Tag("device", d.Key))),
            description: "1 when the device's last read succeeded.");
        _meter.CreateObservableCounter("device.reads.total", () => Devices(view).Select(d => new Measurement<long>(d.Value.Reads, Tag("device", d.Key))),
            description: "Reads of the device since start.");
        _meter.CreateObservableCounter("device.failures.total", () => Devices(view).Select(d => new Measurement<long>(d.Value.Failures, Tag("device", d.Key))),
            description: "Failed reads of the device since start.");
        foreach (var (name, count, help) in new (string, Func<Hosting.ModbusSlaveHealthReport, long>, string)[]
        {
            ("modbus.timeouts.total", s => s.Timeouts, "Requests to the slave that got no answer."),
            ("modbus.frame.errors.total", s => s.FrameErrors, "Answers from the slave with a bad CRC or frame."),
            ("modbus.exceptions.total", s => s.Exceptions, "Exception responses from the slave."),
            ("modbus.skipped.polls.total", s => s.SkippedPolls, "Polls not sent because the slave's breaker was open."),
        })
        {
            _meter.CreateObservableCounter(name, () => Slaves(view).Select(d => new Measurement<long>(count(d.Slave), Tag("device", d.Id), Tag("bus", d.Slave.Bus))),
                description: help);
        }

        _meter.CreateObservableGauge("modbus.latency.ms", () => Slaves(view).Where(d => d.Slave.LatencyMs is not null)
            .Select(d => new Measurement<double>(d.Slave.LatencyMs!.Value, Tag("device", d.Id), Tag("bus", d.Slave.Bus))),
            description: "Duration of the slave's last answered request.");
        _meter.CreateObservableGauge("lamp.level.percent", () => view.Lighting.Groups.Values.Select(g => g.Status(view.Time.GetUtcNow()))
            .Where(s => s.Level is not null)
            .Select(s => new Measurement<int>(s.Level!.Value, Tag("group", s.Group), Tag("cause", Lighting.LightCauseNames.ToWire(s.Cause)))),
            description: "Commanded level of a lamp group.");
        _meter.CreateObservableGauge("lamp.output.level.percent", () => view.Lighting.Groups.Keys.SelectMany(g => view.Lighting.OutputStatus(g)
            .Where(o => o.Level is not null).Select(o => new Measurement<int>(o.Level!.Value, Tag("group", g), Tag("output", o.Output)))),
            description: "Level an output of the group last took.");
        _meter.CreateObservableGauge("lamp.output.up", () => view.Lighting.Groups.Keys.SelectMany(g => view.Lighting.OutputStatus(g)
            .Select(o => new Measurement<int>(o.FailingSince is null ? 1 : 0, Tag("group", g), Tag("output", o.Output)))),
            description: "1 while the output takes its levels.");
        _meter.CreateObservableGauge("lamp.override.active", () => view.Lighting.Groups.Values.Select(g => g.Status(view.Time.GetUtcNow()))
            .Select(s => new Measurement<int>(s.Override is null ? 0 : 1, Tag("group", s.Group))),
            description: "1 while an override holds the group.");
        _meter.CreateObservableGauge("uptime.seconds", () => Math.Round(view.Clock.Uptime.TotalSeconds, 3), description: "Time since the gateway started.");
    }

    /// <summary>The registry <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The exposition text now, as <c>/metrics</c> serves it.</summary>
    public async Task<string> ExportTextAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(buffer, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Counts one refused request.</summary>
    public void Refused(int status) => _refused.Add(1, Tag("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    public void Dispose()
    {
        _adapter.Dispose();
        _meter.Dispose();
    }

    private static string GatewayClockVersion() => Hosting.GatewayClock.Version;

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    private static IEnumerable<KeyValuePair<string, Hosting.DeviceHealthReport>> Devices(GatewayView view) => view.Health.Snapshot().Devices;

    private static IEnumerable<(string Id, Hosting.ModbusSlaveHealthReport Slave)> Slaves(GatewayView view) =>
        Devices(view).Where(d => d.Value is Hosting.ModbusSlaveHealthReport).Select(d => (d.Key, (Hosting.ModbusSlaveHealthReport)d.Value));
}
