using System.Text.Json;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Astro;
using EdgeGateway.Runtime.Lighting.Outputs;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Hosting;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// Runs every lamp group once a second: feeds its <see cref="LampGroupRunner"/> from the samples of its light sensor
/// and its power meter (through the <see cref="SampleHub"/>) and the clock's trust, drives the group's outputs, records the controller's events and a
/// <c>{group}.level</c> point, and keeps burning hours, switch-ons and energy across restarts.
/// </summary>
internal sealed partial class LightingService : ControlLoop
{
    // Outputs are rewritten this often even without a change, so a PWM chip that reset comes back.
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FailureLogEvery = TimeSpan.FromMinutes(10);
    private readonly List<Group> _groups = [];
    private readonly IStateStore _store;
    private readonly IClockTrust _clock;
    private readonly TimeProvider _time;
    private readonly ILogger<LightingService> _logger;
    private DateTimeOffset _lastSave;

    /// <summary>Creates the service with the configured groups and their outputs.</summary>
    public LightingService(
        GatewayOptions options,
        IReadOnlyDictionary<string, IReadOnlyList<ILampOutput>> outputs,
        SampleHub hub,
        IRecorder recorder,
        IStateStore store,
        IClockTrust clock,
        TimeProvider time,
        ILogger<LightingService> logger)
        : base(hub, recorder, InputsOf(options), time, TimeSpan.FromSeconds(1), logger)
    {
        _store = store;
        _clock = clock;
        _time = time;
        _logger = logger;
        var site = new SiteLocation(options.Site.Latitude, options.Site.Longitude, options.Site.TimeZone);
        foreach (var g in options.LampGroups)
        {
            var counters = _store.LoadState(CountersKey(g.Id)) is { } json ? JsonSerializer.Deserialize<LampCounters>(json) : null;
            var runner = new LampGroupRunner(g.Control with { Id = g.Id }, site, counters);
            _groups.Add(new Group(g, runner, outputs.GetValueOrDefault(g.Id) ?? []));
        }

        _lastSave = time.GetUtcNow();
    }

    /// <summary>The points the service publishes, for <c>meta</c>.</summary>
    public static IEnumerable<PointInfo> PointsOf(GatewayOptions options) =>
        options.LampGroups.Select(g => new PointInfo(LevelPoint(g.Id), "%", "dimLevel", g.Id));

    /// <summary>Every group's runner, by id (for commands and state.get).</summary>
    public IReadOnlyDictionary<string, LampGroupRunner> Groups => _groups.ToDictionary(g => g.Options.Id, g => g.Runner);

    /// <summary>What each output of <paramref name="group"/> actually took (the commanded level is the runner's):
    /// a dead LED driver shows here as its last level with "failing since".</summary>
    public IReadOnlyList<LampOutputStatus> OutputStatus(string group)
    {
        lock (Gate)
        {
            var g = _groups.Single(g => g.Options.Id == group);
            return g.Outputs.Select(o => g.Took.TryGetValue(o, out var t) ? t : new LampOutputStatus(o.Name, null, null, null)).ToList();
        }
    }

    /// <summary>The point a group's commanded level is published on.</summary>
    public static string LevelPoint(string group) => $"{group}.level";

    /// <summary>One control step for every group at <paramref name="now"/>, after the step's samples.</summary>
    protected override void Decide(DateTimeOffset now)
    {
        foreach (var group in _groups)
        {
            StepGroup(group, now);
        }

        if (now - _lastSave >= Refresh)
        {
            SaveCounters();
            _lastSave = now;
        }
    }

    /// <summary>Re-decides one group now (after an override or release), so the command's effect is immediate.</summary>
    public void StepNow(string group)
    {
        lock (Gate)
        {
            StepGroup(_groups.Single(g => g.Options.Id == group), _time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        lock (Gate)
        {
            SaveCounters();
        }
    }

    private void StepGroup(Group group, DateTimeOffset now)
    {
        var lux = string.IsNullOrEmpty(group.Options.LightSensor) ? null : Input(RolePoints.Lux(group.Options.LightSensor));
        var power = Input(group.Options.PowerPoint);
        var output = group.Runner.Step(lux, power, _clock.Synced, now);
        if (output.Level != group.Applied || now - group.AppliedAt >= Refresh)
        {
            Apply(group, output.Level, now);
        }

        Publish([], output.Events);
        Publish(new Reading(LevelPoint(group.Options.Id), now, output.Level, Quality.Good));
    }

    private void Apply(Group group, int level, DateTimeOffset now)
    {
        bool allTook = true;
        foreach (var output in group.Outputs)
        {
            try
            {
                output.Apply(level);
                group.Took[output] = new LampOutputStatus(output.Name, level, null, null);
                if (group.FailingSince.Remove(output))
                {
                    LogOutputBack(_logger, group.Options.Id, output.Name, level);
                }
            }
            catch (IOException ex)
            {
                allTook = false;
                var took = group.Took.GetValueOrDefault(output);
                group.Took[output] = new LampOutputStatus(output.Name, took?.Level, took?.FailingSince ?? now, ex.Message);

                // A dead output is retried every step; it is logged when it starts failing and every ten minutes after.
                if (!group.FailingSince.TryGetValue(output, out var logged) || now - logged >= FailureLogEvery)
                {
                    group.FailingSince[output] = now;
                    LogOutputFailed(_logger, group.Options.Id, output.Name, ex.Message);
                }
            }
        }

        // An output that did not take the level is retried on the next tick, not after the refresh period.
        group.Applied = allTook ? level : null;
        group.AppliedAt = now;
    }

    private void SaveCounters()
    {
        foreach (var group in _groups)
        {
            try
            {
                _store.SaveState(CountersKey(group.Options.Id), JsonSerializer.Serialize(group.Runner.Counters));
            }
            catch (IOException ex)
            {
                LogCountersNotSaved(_logger, group.Options.Id, ex.Message);
            }
        }
    }

    private static string CountersKey(string group) => $"lighting.counters.{group}";

    // The devices a group listens to: its light sensor and the meter of its power point.
    private static IEnumerable<string> InputsOf(GatewayOptions options) =>
        options.LampGroups.SelectMany(g => new[] { g.LightSensor, DeviceSample.DeviceOf(g.PowerPoint) });

    [LoggerMessage(400, LogLevel.Warning, "Lamp group {Group}: output {Output} did not take the new level: {Reason}")]
    private static partial void LogOutputFailed(ILogger logger, string group, string output, string reason);

    [LoggerMessage(402, LogLevel.Information, "Lamp group {Group}: output {Output} took the level again ({Level} %)")]
    private static partial void LogOutputBack(ILogger logger, string group, string output, int level);

    [LoggerMessage(401, LogLevel.Warning, "Lamp group {Group}: counters not saved: {Reason}")]
    private static partial void LogCountersNotSaved(ILogger logger, string group, string reason);

    private sealed class Group(Options.LampGroupOptions options, LampGroupRunner runner, IReadOnlyList<ILampOutput> outputs)
    {
        public Options.LampGroupOptions Options { get; } = options;

        public LampGroupRunner Runner { get; } = runner;

        public IReadOnlyList<ILampOutput> Outputs { get; } = outputs;

        public int? Applied { get; set; }

        public DateTimeOffset AppliedAt { get; set; }

        // What each output took last (for the page), and outputs that are failing with when their failure was last logged.
        public Dictionary<ILampOutput, LampOutputStatus> Took { get; } = [];

        public Dictionary<ILampOutput, DateTimeOffset> FailingSince { get; } = [];
    }
}
