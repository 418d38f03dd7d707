using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Polling;
using Polly;
using Polly.CircuitBreaker;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>What the poller keeps per slave: schedule, last good values, breaker and health.</summary>
internal sealed class DevicePollState
{
    public DevicePollState(ModbusDevice device, ModbusPollerOptions options, TimeProvider time)
    {
        Device = device;
        Health = new SlaveHealthTracker(device.Id, device.UnitId);
        foreach (var point in device.Profile.Points)
        {
            Intervals[point] = point.PollInterval ?? device.PollInterval ?? device.Profile.PollInterval;
            PointNames[point] = $"{device.Id}.{point.Name}";
        }

        // A timeout, a CRC/frame error or a dead link counts against the slave; an exception response does not:
        // the slave answered, it is alive (it just refuses one request).
        Breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // FailureRatio 1 with MinimumThroughput N: N failures and no success; the poller also resets the
                // count on every success (ManualControl.CloseAsync), so this is "N failed polls in a row".
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.FailuresToBreak),
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<ModbusTimeoutException>().Handle<ModbusFrameException>().Handle<ModbusTransportException>(),
                StateProvider = State,
                ManualControl = Control,
            })
            .Build();
    }

    public ModbusDevice Device { get; }

    public SlaveHealthTracker Health { get; }

    public ResiliencePipeline Breaker { get; }

    public CircuitBreakerStateProvider State { get; } = new();

    public CircuitBreakerManualControl Control { get; } = new();

    public Dictionary<ProfilePoint, TimeSpan> Intervals { get; } = [];

    public Dictionary<ProfilePoint, string> PointNames { get; } = [];

    public Dictionary<ProfilePoint, DateTimeOffset> NextDue { get; } = [];

    public Dictionary<ProfilePoint, double> LastGood { get; } = [];

    public Dictionary<ProfilePoint, DateTimeOffset> GoodAt { get; } = [];

    public bool LastGoodThisCycle(ProfilePoint point, DateTimeOffset now) => GoodAt.TryGetValue(point, out var at) && at == now;

    public IEnumerable<PointInfo> PointInfos =>
        Device.Profile.Points.Select(p => new PointInfo(PointNames[p], p.Unit, p.Kind, Device.Id));

    public bool IsOpen => State.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public List<ProfilePoint> TakeDue(DateTimeOffset now)
    {
        var due = new List<ProfilePoint>();
        foreach (var point in Device.Profile.Points)
        {
            var next = NextDue.GetValueOrDefault(point, now);
            if (next > now)
            {
                continue;
            }

            due.Add(point);

            // Count from the scheduled time so intervals do not drift; after a stall, restart from now.
            var following = next + Intervals[point];
            NextDue[point] = following <= now ? now + Intervals[point] : following;
        }

        return due;
    }
}
