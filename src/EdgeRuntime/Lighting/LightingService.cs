using EdgeGateway.Drivers.Bh1750;
using EdgeGateway.Drivers.Core;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// Feeds each lamp group's pure photocell decision from the point table once a second, drives the group's
/// PWM outputs and records <c>light.on</c> / <c>light.off</c> events and a <c>{group}.level</c> point.
/// </summary>
public sealed partial class LightingService : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly GatewayOptions _options;
    private readonly DeviceRegistry _devices;
    private readonly PointTable _points;
    private readonly ReadingSink _sink;
    private readonly IRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger<LightingService> _logger;
    private readonly Dictionary<string, PhotocellState> _states = [];
    private readonly Dictionary<string, PhotocellGroupStatus> _status = [];

    /// <summary>Creates the service.</summary>
    public LightingService(GatewayOptions options, DeviceRegistry devices, PointTable points, ReadingSink sink, IRecorder recorder, TimeProvider time, ILogger<LightingService> logger)
    {
        _options = options;
        _devices = devices;
        _points = points;
        _sink = sink;
        _recorder = recorder;
        _time = time;
        _logger = logger;
        foreach (var g in options.LampGroups)
        {
            _states[g.Id] = PhotocellState.Initial;
            _status[g.Id] = new PhotocellGroupStatus(g.Id, false, 0, "photocell", null);
        }

        points.Declare(options.LampGroups.Select(g => new Drivers.Polling.PointInfo($"{g.Id}.level", "%", "dimLevel", g.Id)));
    }

    /// <summary>Every group's status.</summary>
    public IReadOnlyList<PhotocellGroupStatus> Status { get { lock (_status) { return [.. _status.Values]; } } }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, _time);
        try
        {
            do
            {
                Step(_time.GetUtcNow());
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the outputs keep their level; the drivers' own fail-safe covers a dead gateway.
        }
    }

    /// <summary>One control step for every group at <paramref name="now"/>.</summary>
    internal void Step(DateTimeOffset now)
    {
        foreach (var group in _options.LampGroups)
        {
            var sample = _points.Get(LightSensor.PointName(group.LightSensor));
            var decision = Photocell.Decide(_states[group.Id], sample?.Value ?? double.NaN, sample?.Quality ?? Quality.Bad, group.Photocell, now);
            _states[group.Id] = decision.State;
            double level = decision.State.On ? group.Photocell.OnLevel : 0;
            if (decision.Switched)
            {
                Apply(group, level);
                lock (_status)
                {
                    _status[group.Id] = new PhotocellGroupStatus(group.Id, decision.State.On, level, "photocell", now);
                }

                _recorder.Record(new GatewayEvent(decision.State.On ? "light.on" : "light.off", group.Id, Severity.Info, now, new Dictionary<string, object?>
                {
                    ["group"] = group.Id,
                    ["level"] = level,
                    ["cause"] = "photocell",
                    ["lux"] = sample?.Value,
                }));
            }

            _sink.Publish(new Reading($"{group.Id}.level", now, level, Quality.Good));
        }
    }

    private void Apply(Options.LampGroupOptions group, double level)
    {
        foreach (var output in group.Outputs)
        {
            try
            {
                _devices.Dimmer(output.Device).SetLevel(output.Channel, level);
            }
            catch (IOException ex)
            {
                LogOutputFailed(_logger, group.Id, output.Device, ex.Message);
            }
        }
    }

    [LoggerMessage(400, LogLevel.Warning, "Lamp group {Group}: output {DeviceId} did not take the new level: {Reason}")]
    private static partial void LogOutputFailed(ILogger logger, string group, string deviceId, string reason);
}
