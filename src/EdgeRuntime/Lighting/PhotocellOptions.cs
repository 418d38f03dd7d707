namespace EdgeGateway.Runtime.Lighting;

/// <summary>Photocell thresholds and delays (TALQ <c>onLevel</c>/<c>offLevel</c> in lux). ANSI C136.10 turns on
/// at about 16 lx and off at up to four times that; 30-120 s delays keep headlights and lightning from switching.</summary>
public sealed class PhotocellOptions
{
    /// <summary>Lamps go on below this illuminance.</summary>
    public double OnLux { get; set; } = 16;

    /// <summary>Lamps go off above this illuminance.</summary>
    public double OffLux { get; set; } = 48;

    /// <summary>How long it must stay dark before switching on.</summary>
    public TimeSpan OnDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long it must stay bright before switching off.</summary>
    public TimeSpan OffDelay { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Level (0-100) while on.</summary>
    public double OnLevel { get; set; } = 100;
}
