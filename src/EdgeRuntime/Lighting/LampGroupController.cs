using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The pure decision of one lamp group: photocell, astronomical clock or both (TALQ astro-and-sensor), a night
/// program, operator overrides, fail-safe fallbacks, lamp-failure detection and counters. Immutable after
/// construction; <see cref="Decide"/> has no side effects, so the host and the replay CLI feed the same code.
/// </summary>
internal sealed class LampGroupController
{
    // Counters integrate between decisions; a gap longer than this (host paused, clock stepped) is not counted,
    // because nothing says what the lamps did meanwhile.
    private static readonly TimeSpan MaxIntegrationStep = TimeSpan.FromHours(1);

    private readonly SiteLocation _site;
    private readonly TimeZoneInfo _zone;
    private readonly AstroClock _astro;
    private readonly NightProgram _program;

    /// <summary>Builds the controller; throws <see cref="ArgumentException"/> listing every configuration error.</summary>
    public LampGroupController(LampGroupOptions options, SiteLocation site)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(site);
        var errors = options.Validate().Concat(site.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"lamp group '{options.Id}': " + string.Join("; ", errors), nameof(options));
        }

        Options = options;
        _site = site;
        _zone = site.TryResolveZone()!;
        _astro = new AstroClock(site, options);
        _program = NightProgram.Compile(options.Program, []);
    }

    /// <summary>The group's configuration.</summary>
    public LampGroupOptions Options { get; }

    /// <summary>One decision: the new state, the commanded level and the events it raised.</summary>
    public (LampGroupState State, LampGroupOutput Output) Decide(LampGroupState state, LampGroupInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inputs);
        var events = new List<GatewayEvent>();

        var sensor = state.Sensor;
        if (!state.SensorOk && state.Level is not null && sensor.Dark is not null && IsUsable(inputs.Lux, sensor))
        {
            // The sensor is back after a dropout or a fail-safe handover: the photocell restarts from the lamps'
            // state now, not from its dark/light state before the outage, so its return alone never switches;
            // what it reads now can still ask for a switch, after the usual delay.
            sensor = new SensorSwitchState(state.Lit, null, null, null);
        }

        sensor = StepSensor(sensor, inputs.Lux);
        var sensorOk = sensor.Dark.HasValue && sensor.LastGoodAt is { } lastGood
            && now - lastGood <= TimeSpan.FromSeconds(Options.SensorMaxAgeS);
        if (!sensorOk && sensor.PendingSince is not null)
        {
            // A pending switch must not complete on readings from before a sensor outage.
            sensor = sensor with { PendingSince = null };
        }

        var clockOk = inputs.ClockSynced;
        var strategy = Strategy(Options.Mode, sensorOk, clockOk);
        var (lit, switchCause) = strategy switch
        {
            LightingStrategy.Photocell => (sensor.Dark!.Value, LightCause.Photocell),
            LightingStrategy.Astro => (_astro.IsNight(now), LightCause.Astro),
            LightingStrategy.AstroAndSensor when _astro.NearSwitch(now, TimeSpan.FromMinutes(Options.SensorWindowMin)) =>
                (sensor.Dark!.Value, LightCause.Photocell),
            LightingStrategy.AstroAndSensor => (_astro.IsNight(now), LightCause.Astro),
            _ => (true, LightCause.Failsafe),
        };

        var activeOverride = state.Override is { } o && o.IsActiveAt(now) ? o : null;
        int level;
        LightCause cause;
        if (activeOverride is not null)
        {
            (level, cause) = (activeOverride.Level, LightCause.Override);
        }
        else if (strategy == LightingStrategy.Failsafe)
        {
            (level, cause) = (Options.FailSafeLevel, LightCause.Failsafe);
        }
        else if (!lit)
        {
            (level, cause) = (0, switchCause);
        }
        else
        {
            // Program times need a trusted clock; without one, lit means the default (full) level.
            level = (clockOk ? _program.LevelAt(now, _zone, _site) : null) ?? Options.DefaultOnLevel;
            var stillLit = state.Lit && state.Cause != LightCause.Failsafe;
            cause = stillLit || state.Cause == LightCause.Override ? LightCause.Program : switchCause;
        }

        if (level != state.Level)
        {
            events.Add(LevelEvent(state.Level, level, cause, now, cause == LightCause.Override ? activeOverride?.By : null));
        }
        else
        {
            // Same level: the cause of record stays what last changed it (e.g. astro), unless a new authority took over.
            cause = activeOverride is not null || strategy == LightingStrategy.Failsafe ? cause : state.Cause;
        }

        var health = LampFailureDetector.Step(state.Health, state.Level, inputs.PowerW, Options, events);
        var counters = Count(state, inputs.PowerW, level, now);
        var next = new LampGroupState(level, lit, cause, strategy, sensorOk, clockOk, sensor, activeOverride, health, counters, now);
        return (next, new LampGroupOutput(level, events));
    }

    /// <summary>Applies <c>light.override</c>: the newest replaces any previous one. Takes effect at the next decision.</summary>
    public LampGroupState ApplyOverride(LampGroupState state, OverrideRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Group, Options.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"group: override for '{request.Group}' sent to group '{Options.Id}'", nameof(request));
        }

        if (request.Level is < 0 or > 100 || request.DurationS is < 1 or > OverrideRequest.MaxDurationS)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request, "level must be 0..100 and durationS 1..86400");
        }

        return state with { Override = new OverrideState(request.Level, now, now.AddSeconds(request.DurationS), request.By) };
    }

    /// <summary>Applies <c>light.release</c>: back to the program at the next decision.</summary>
    public LampGroupState Release(LampGroupState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { Override = null };
    }

    /// <summary>The group's status for the web page, <c>state.get</c> and <c>/metrics</c>.</summary>
    public LampGroupStatus Status(LampGroupState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (nextOn, nextOff) = _astro.Next(now);
        var activeOverride = state.Override is { } o && o.IsActiveAt(now) ? o : null;
        return new LampGroupStatus(
            Options.Id, Options.Mode, state.Strategy, state.Level, state.Cause, state.SensorOk, state.ClockOk,
            activeOverride, state.Health.Failed, state.Counters, nextOn, nextOff);
    }

    private static LightingStrategy Strategy(LightingMode mode, bool sensorOk, bool clockOk) => (mode, sensorOk, clockOk) switch
    {
        (_, false, false) => LightingStrategy.Failsafe,
        (LightingMode.Photocell, true, _) => LightingStrategy.Photocell,
        (LightingMode.Photocell, false, true) => LightingStrategy.Astro,
        (LightingMode.Astro, _, true) => LightingStrategy.Astro,
        (LightingMode.Astro, true, false) => LightingStrategy.Photocell,
        (_, true, true) => LightingStrategy.AstroAndSensor,
        (_, false, true) => LightingStrategy.Astro,
        _ => LightingStrategy.Photocell,
    };

    private SensorSwitchState StepSensor(SensorSwitchState sensor, Reading? lux)
    {
        // Bad readings are skipped (not zero): the photocell holds its timers and the staleness check decides.
        // Uncertain readings are still used: a BH1750 at the end of its range is still dark or light.
        return IsUsable(lux, sensor) ? SensorSwitch.Step(sensor, lux!.Value.Value, lux.Value.Timestamp, Options) : sensor;
    }

    private static bool IsUsable(Reading? lux, SensorSwitchState sensor) =>
        lux is { } r && r.Quality != Quality.Bad && double.IsFinite(r.Value) && r.Value >= 0
        && (sensor.LastGoodAt is not { } last || r.Timestamp > last);

    private GatewayEvent LevelEvent(int? previous, int level, LightCause cause, DateTimeOffset now, string? by)
    {
        var type = level == 0 ? "light.off" : previous is null or 0 ? "light.on" : "light.level";
        var severity = cause == LightCause.Failsafe ? Severity.Warning : Severity.Info;
        var data = new Dictionary<string, object?>
        {
            ["group"] = Options.Id,
            ["level"] = level,
            ["cause"] = cause.ToWire(),
        };
        if (by is not null)
        {
            // An addition to CONTRACT.md's light.* data: who set the override (the cause stays "override").
            data["by"] = by;
        }

        return new GatewayEvent(type, Options.Id, severity, now, data);
    }

    private LampCounters Count(LampGroupState state, Reading? power, int level, DateTimeOffset now)
    {
        var counters = state.Counters;
        if (state.Level == 0 && level > 0)
        {
            counters = counters with { SwitchOnCount = counters.SwitchOnCount + 1 };
        }

        if (state.LastDecisionAt is not { } last || now <= last || now - last > MaxIntegrationStep || state.Level is not { } previous)
        {
            return counters;
        }

        var seconds = (now - last).TotalSeconds;
        // A meter value counts while fresh (same age limit as the light sensor); otherwise estimate from nominal.
        var watts = power is { Quality: not Quality.Bad } p && double.IsFinite(p.Value) && p.Value >= 0
            && now - p.Timestamp <= TimeSpan.FromSeconds(Options.SensorMaxAgeS)
            ? p.Value
            : (Options.NominalPowerW ?? 0) * previous / 100.0;
        return counters with
        {
            BurningSeconds = counters.BurningSeconds + (previous > 0 ? seconds : 0),
            EnergyWh = counters.EnergyWh + (watts * seconds / 3600.0),
        };
    }
}
