namespace EdgeGateway.Runtime.Lighting;

/// <summary>How a lamp group decides to be lit (TALQ LightingControl: photocell, astronomical clock, or both).</summary>
public enum LightingMode
{
    /// <summary>The light sensor alone (TALQ photocell: onLevel/offLevel with delays).</summary>
    Photocell,

    /// <summary>The astronomical clock alone: on at dusk + offset, off at dawn + offset.</summary>
    Astro,

    /// <summary>
    /// TALQ astro-and-sensor: the photocell decides only inside a window around the clock's switching times;
    /// outside it the clock rules, so a dark storm at noon never lights the street and a dirty sensor at
    /// midnight never darkens it.
    /// </summary>
    AstroAndSensor,
}
