using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Distance;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Polling;

/// <summary>
/// The bins' distance sensors: fires each source's measurement cycle on its bins' cycle interval and hands the burst
/// (every ping's distance, mm, NaN for no echo) to the waste loop as one <see cref="DeviceSample"/> of the source. A
/// source that does not answer gives a burst of NaN pings, so the bin's fault logic runs as for a silent transducer.
/// </summary>
internal sealed partial class DistancePoller : PeriodicService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly List<Source> _sources = [];
    private readonly SampleHub _hub;
    private readonly ILogger<DistancePoller> _logger;

    /// <summary>Opens the distance source of every configured bin.</summary>
    public DistancePoller(GatewayOptions options, IDistanceSourceFactory sources, SampleHub hub, TimeProvider time, ILogger<DistancePoller> logger)
        : base(time, Period, logger)
    {
        _hub = hub;
        _logger = logger;
        foreach (var bins in options.Bins.GroupBy(b => b.DistanceSource, StringComparer.Ordinal))
        {
            int pings = bins.Max(b => b.PingsPerCycle);
            _sources.Add(new Source(sources.Open(bins.Key, pings), pings, bins.Min(b => b.CycleInterval)));
        }
    }

    /// <inheritdoc />
    public override string LoopName => "distance";

    /// <summary>The point name of one ping of a source's burst.</summary>
    public static string PingPoint(string source) => $"{source}.ping";

    /// <summary>Runs the cycle of every source that is due at <paramref name="now"/>.</summary>
    public void Poll(DateTimeOffset now)
    {
        foreach (var source in _sources)
        {
            if (source.Due is { } due && now < due)
            {
                continue;
            }

            // Next cycle counts from the schedule, not from now, so cycles keep their period.
            source.Due = source.Due is { } d && d + source.Interval > now ? d + source.Interval : now + source.Interval;
            Cycle(source, now);
        }
    }

    /// <summary>One measurement cycle of the source <paramref name="sourceId"/> now, off its schedule (the replay's bursts).</summary>
    public void Cycle(string sourceId, DateTimeOffset now) => Cycle(_sources.Single(s => s.Sensor.Id == sourceId), now);

    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now) => Poll(now);

    private void Cycle(Source source, DateTimeOffset now)
    {
        IReadOnlyList<double> pings;
        try
        {
            pings = source.Sensor.PingCycle(now);
        }
        catch (IOException ex)
        {
            LogNoAnswer(_logger, source.Sensor.Id, ex.Message);
            pings = [.. Enumerable.Repeat(double.NaN, source.Pings)];
        }

        string point = PingPoint(source.Sensor.Id);
        _hub.Notify(new DeviceSample(source.Sensor.Id, now, [.. pings.Select(mm => new Reading(point, now, mm, Quality.Good))]));
    }

    [LoggerMessage(101, LogLevel.Debug, "Distance source {DeviceId} did not answer: {Reason}")]
    private static partial void LogNoAnswer(ILogger logger, string deviceId, string reason);

    private sealed class Source(IDistanceSource sensor, int pings, TimeSpan interval)
    {
        public IDistanceSource Sensor { get; } = sensor;

        public int Pings { get; } = pings;

        public TimeSpan Interval { get; } = interval;

        public DateTimeOffset? Due { get; set; }
    }
}
