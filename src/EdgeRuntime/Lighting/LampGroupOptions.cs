using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// One lamp group's configuration (bindable: init properties with defaults). Key names follow TALQ's
/// LightingControl attributes where one exists (onLevel, offLevel, lampFailure).
/// </summary>
internal sealed record LampGroupOptions
{
    /// <summary>Group id: the <c>source</c> of its events and the <c>group</c> of commands.</summary>
    public string Id { get; init; } = "";

    /// <summary>How the group decides on/off.</summary>
    public LightingMode Mode { get; init; } = LightingMode.AstroAndSensor;

    /// <summary>Photocell: on below this illuminance (lx). ANSI C136.10 turn-on is ~16 lx.</summary>
    public double OnLevelLux { get; init; } = 16;

    /// <summary>Photocell: off above this illuminance (lx); ANSI C136.10 allows up to 4× the on level.</summary>
    public double OffLevelLux { get; init; } = 48;

    /// <summary>Photocell: the light must stay below the on level this long (s); 30-120 s rejects headlights.</summary>
    public int OnDelayS { get; init; } = 60;

    /// <summary>Photocell: the light must stay above the off level this long (s); rejects lightning and flashes.</summary>
    public int OffDelayS { get; init; } = 90;

    /// <summary>
    /// Photocell: readings back inside the band for at most this long (s) do not restart a pending delay
    /// (2-s headlights at dusk); longer ones do.
    /// </summary>
    public int FlashToleranceS { get; init; } = 5;

    /// <summary>
    /// A light reading older than this (s) makes the sensor stale: the clock takes over. Longer than the few
    /// minutes a BH1750 drops out in the field (1-5 min in the field-b traces), so a short dropout holds the
    /// photocell's decision instead of handing a dusk or dawn to a clock that is minutes off the real light.
    /// </summary>
    public int SensorMaxAgeS { get; init; } = 300;

    /// <summary>Astro: the evening event that switches on (Sunset or CivilDusk).</summary>
    public SolarEventKind AstroOnEvent { get; init; } = SolarEventKind.Sunset;

    /// <summary>Astro: minutes after (positive) or before (negative) the evening event.</summary>
    public int AstroOnOffsetMin { get; init; }

    /// <summary>Astro: the morning event that switches off (Sunrise or CivilDawn).</summary>
    public SolarEventKind AstroOffEvent { get; init; } = SolarEventKind.Sunrise;

    /// <summary>Astro: minutes after (positive) or before (negative) the morning event.</summary>
    public int AstroOffOffsetMin { get; init; }

    /// <summary>Astro-and-sensor: the photocell decides within ± this many minutes of the clock's switch times.</summary>
    public int SensorWindowMin { get; init; } = 45;

    /// <summary>Night program (dimming); empty means the default on level all night.</summary>
    public IReadOnlyList<ProgramRule> Program { get; init; } = [];

    /// <summary>Level while lit when no program step applies (%).</summary>
    public int DefaultOnLevel { get; init; } = 100;

    /// <summary>Level when neither sensor nor clock is trustworthy (%): DALI system-failure level, full light.</summary>
    public int FailSafeLevel { get; init; } = 100;

    /// <summary>Nominal power of the group at 100 % (W); null disables lamp-failure detection and energy estimates.</summary>
    public double? NominalPowerW { get; init; }

    /// <summary>Lamp failure: measured power below this fraction of the expected power (nominal × level).</summary>
    public double FailureFraction { get; init; } = 0.5;

    /// <summary>Lamp failure: the low power must last this long (s), beyond driver warm-up.</summary>
    public int FailureTimeS { get; init; } = 300;

    /// <summary>Lamp recovery: the power must be back above the threshold this long (s).</summary>
    public int RecoveryTimeS { get; init; } = 60;

    /// <summary>Every problem, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Id))
        {
            errors.Add("id: required, the lamp group id");
        }

        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"mode: unknown mode '{Mode}' (photocell, astro, astroAndSensor)");
        }

        if (!(OnLevelLux > 0))
        {
            errors.Add($"onLevelLux: must be above 0, got {OnLevelLux}");
        }

        if (!(OffLevelLux > OnLevelLux))
        {
            errors.Add($"offLevelLux: must be above onLevelLux ({OnLevelLux}) for hysteresis, got {OffLevelLux}");
        }

        Range(errors, "onDelayS", OnDelayS, 0, 3600);
        Range(errors, "offDelayS", OffDelayS, 0, 3600);
        Range(errors, "flashToleranceS", FlashToleranceS, 0, 60);
        Range(errors, "sensorMaxAgeS", SensorMaxAgeS, 1, 3600);
        if (AstroOnEvent is not (SolarEventKind.Sunset or SolarEventKind.CivilDusk))
        {
            errors.Add($"astroOnEvent: must be sunset or civilDusk, got {AstroOnEvent}");
        }

        if (AstroOffEvent is not (SolarEventKind.Sunrise or SolarEventKind.CivilDawn))
        {
            errors.Add($"astroOffEvent: must be sunrise or civilDawn, got {AstroOffEvent}");
        }

        Range(errors, "astroOnOffsetMin", AstroOnOffsetMin, -180, 180);
        Range(errors, "astroOffOffsetMin", AstroOffOffsetMin, -180, 180);
        Range(errors, "sensorWindowMin", SensorWindowMin, 0, 240);
        Range(errors, "defaultOnLevel", DefaultOnLevel, 1, 100);

        // 0 % would leave a lost gateway's street dark (DESIGN.md: never dark).
        Range(errors, "failSafeLevel", FailSafeLevel, 1, 100);
        if (NominalPowerW is { } p && !(p > 0))
        {
            errors.Add($"nominalPowerW: must be above 0 W or absent, got {p}");
        }

        if (!(FailureFraction > 0 && FailureFraction < 1))
        {
            errors.Add($"failureFraction: must be between 0 and 1 exclusive, got {FailureFraction}");
        }

        Range(errors, "failureTimeS", FailureTimeS, 1, 86400);
        Range(errors, "recoveryTimeS", RecoveryTimeS, 1, 86400);
        NightProgram.Compile(Program, errors);
        return errors;
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key}: must be {min}..{max}, got {value}");
        }
    }
}
