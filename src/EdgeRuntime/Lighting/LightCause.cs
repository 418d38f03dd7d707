namespace EdgeGateway.Runtime.Lighting;

/// <summary>Why a lamp group's level changed: the <c>cause</c> of <c>light.*</c> events (CONTRACT.md, event types).</summary>
internal enum LightCause
{
    /// <summary>The light sensor switched.</summary>
    Photocell,

    /// <summary>The astronomical clock switched.</summary>
    Astro,

    /// <summary>A night-program (dimming) step began or ended.</summary>
    Program,

    /// <summary>An operator override (<c>light.override</c>), or its expiry/release.</summary>
    Override,

    /// <summary>Neither sensor nor clock is trustworthy: fail-safe level.</summary>
    Failsafe,
}

/// <summary>Wire names of <see cref="LightCause"/> (CONTRACT.md spells them in lower case).</summary>
internal static class LightCauseNames
{
    public static string ToWire(this LightCause cause) => cause switch
    {
        LightCause.Photocell => "photocell",
        LightCause.Astro => "astro",
        LightCause.Program => "program",
        LightCause.Override => "override",
        LightCause.Failsafe => "failsafe",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "unknown cause"),
    };
}
