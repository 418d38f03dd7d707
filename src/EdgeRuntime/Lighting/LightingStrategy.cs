namespace EdgeGateway.Runtime.Lighting;

/// <summary>What actually decided on/off at one instant, after the fail-safe fallbacks (shown in the status).</summary>
internal enum LightingStrategy
{
    /// <summary>The light sensor (configured photocell mode, or the clock is not trusted).</summary>
    Photocell,

    /// <summary>The astronomical clock (configured astro mode, or the sensor is faulty or stale).</summary>
    Astro,

    /// <summary>Astro-and-sensor, both inputs healthy.</summary>
    AstroAndSensor,

    /// <summary>Neither sensor nor clock can be trusted: the group's fail-safe level.</summary>
    Failsafe,
}
