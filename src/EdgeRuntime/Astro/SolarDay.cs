namespace EdgeGateway.Runtime.Astro;

/// <summary>The solar events of one (local solar) day at one place.</summary>
/// <param name="Date">The date the events were computed for.</param>
/// <param name="Sunrise">Sunrise (zenith 90.833°).</param>
/// <param name="Sunset">Sunset (zenith 90.833°).</param>
/// <param name="CivilDawn">Civil dawn (zenith 96°).</param>
/// <param name="CivilDusk">Civil dusk (zenith 96°).</param>
internal sealed record SolarDay(DateOnly Date, SolarEvent Sunrise, SolarEvent Sunset, SolarEvent CivilDawn, SolarEvent CivilDusk)
{
    /// <summary>The event of the given kind.</summary>
    public SolarEvent Get(SolarEventKind kind) => kind switch
    {
        SolarEventKind.Sunrise => Sunrise,
        SolarEventKind.Sunset => Sunset,
        SolarEventKind.CivilDawn => CivilDawn,
        SolarEventKind.CivilDusk => CivilDusk,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown solar event"),
    };
}
