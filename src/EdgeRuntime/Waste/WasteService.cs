using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Waste;

/// <summary>
/// Feeds each bin's pure <see cref="BinMonitor"/> with every burst of its distance source (one measurement cycle, as
/// the <see cref="Polling.DistancePoller"/> handed it over), records <c>bin.*</c>/<c>sensor.*</c> events and publishes
/// <c>{bin}.fill</c>. The replay CLI has the poller fire a cycle per recorded burst, then steps this loop.
/// </summary>
internal sealed partial class WasteService : ControlLoop
{
    private readonly Dictionary<string, Bin> _bins = new(StringComparer.Ordinal);

    /// <summary>Creates the service for the configured bins, subscribed to their distance sources.</summary>
    public WasteService(GatewayOptions options, SampleHub hub, IRecorder recorder, TimeProvider time, ILogger<WasteService> logger)
        : base(hub, recorder, options.Bins.Select(b => b.DistanceSource), time, TimeSpan.FromSeconds(1), logger)
    {
        foreach (var b in options.Bins)
        {
            _bins[b.Id] = new Bin(b, new BinMonitor(b.ToMonitor())) { State = BinState.Initial(b.Id) };
        }
    }

    /// <summary>The points the service publishes, for <c>meta</c>.</summary>
    public static IEnumerable<PointInfo> PointsOf(GatewayOptions options) =>
        options.Bins.Select(b => new PointInfo($"{b.Id}.fill", "%", "fillLevel", b.Id));

    /// <summary>Every bin's status (for <c>state.get</c>).</summary>
    internal IReadOnlyList<BinStatus> Status => Locked<IReadOnlyList<BinStatus>>(() => [.. _bins.Values.Select(b => BinMonitor.Status(b.State))]);

    /// <inheritdoc />
    protected override void OnSample(DeviceSample sample)
    {
        double[] pings = [.. sample.Readings.Select(r => r.Quality == Quality.Bad ? double.NaN : r.Value)];
        foreach (var bin in _bins.Values.Where(b => b.Options.DistanceSource == sample.Device))
        {
            var decision = bin.Monitor.Decide(bin.State, pings, sample.Timestamp);
            bin.State = decision.State;
            Publish(decision.Readings, decision.Events);
        }
    }

    private sealed class Bin(WasteBinOptions options, BinMonitor monitor)
    {
        public WasteBinOptions Options { get; } = options;

        public BinMonitor Monitor { get; } = monitor;

        public required BinState State { get; set; }
    }
}
