using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// TALQ lampFailure: commanded on, but the measured power stays below a fraction of the expected power
/// (nominal × commanded level, since dimmed LED drivers draw roughly in proportion) for a configured time.
/// Raised once; <c>lamp.recovered</c> when the power has been back for the recovery time.
/// </summary>
internal static class LampFailureDetector
{
    public static LampHealthState Step(
        LampHealthState health, int? commandedLevel, Reading? power, LampGroupOptions options, List<GatewayEvent> events)
    {
        if (options.NominalPowerW is not { } nominal || power is not { } p || p.Quality == Quality.Bad || !double.IsFinite(p.Value))
        {
            // No meter, or no trustworthy sample: keep the timers where they are (a stale value is never zero).
            return health;
        }

        if (commandedLevel is not > 0)
        {
            // Lamps commanded off say nothing about their health; pending suspicions restart at the next switch-on.
            return health with { SuspectSince = null, RecoveringSince = null };
        }

        var expected = nominal * commandedLevel.Value / 100.0;
        var low = p.Value < options.FailureFraction * expected;
        if (!health.Failed)
        {
            if (!low)
            {
                return health with { SuspectSince = null };
            }

            var since = health.SuspectSince ?? p.Timestamp;
            if (p.Timestamp - since < TimeSpan.FromSeconds(options.FailureTimeS))
            {
                return health with { SuspectSince = since };
            }

            events.Add(Event("lamp.failure", Severity.Warning, options.Id, p, expected));
            return new LampHealthState(true, null, null);
        }

        if (low)
        {
            return health with { RecoveringSince = null };
        }

        var back = health.RecoveringSince ?? p.Timestamp;
        if (p.Timestamp - back < TimeSpan.FromSeconds(options.RecoveryTimeS))
        {
            return health with { RecoveringSince = back };
        }

        events.Add(Event("lamp.recovered", Severity.Info, options.Id, p, expected));
        return LampHealthState.Healthy;
    }

    private static GatewayEvent Event(string type, Severity severity, string group, Reading power, double expected) =>
        new(type, group, severity, power.Timestamp, new Dictionary<string, object?>
        {
            ["group"] = group,
            ["powerW"] = Math.Round(power.Value, 1),
            ["expectedW"] = Math.Round(expected, 1),
        });
}
