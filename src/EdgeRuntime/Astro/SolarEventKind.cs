namespace EdgeGateway.Runtime.Astro;

/// <summary>The four solar events an astronomical clock switches on.</summary>
internal enum SolarEventKind
{
    /// <summary>Upper limb on the horizon, morning (zenith 90.833°).</summary>
    Sunrise,

    /// <summary>Upper limb on the horizon, evening (zenith 90.833°).</summary>
    Sunset,

    /// <summary>Centre 6° below the horizon, morning (zenith 96°).</summary>
    CivilDawn,

    /// <summary>Centre 6° below the horizon, evening (zenith 96°).</summary>
    CivilDusk,
}
