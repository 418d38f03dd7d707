namespace EdgeGateway.Runtime.Options;

/// <summary>A lamp group: the lamps on one circuit or dimming line, switched and dimmed together.</summary>
internal sealed class LampGroupOptions
{
    /// <summary>Group id, used as the event source and in commands.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device id of the light sensor (photocell) the group follows; empty for astro-only groups.</summary>
    public string LightSensor { get; set; } = "";

    /// <summary>Point that measures the group's power in W (a meter or an LED driver readback), for lamp failure.</summary>
    public string PowerPoint { get; set; } = "";

    /// <summary>Outputs the group drives.</summary>
    public List<LampOutputOptions> Outputs { get; set; } = [];

    /// <summary>How the group decides: mode, photocell levels and delays, astro offsets, night program,
    /// fail-safe level, lamp-failure detection (TALQ attributes; see src/EdgeRuntime/Lighting/README.md).</summary>
    public Lighting.LampGroupOptions Control { get; set; } = new();
}
