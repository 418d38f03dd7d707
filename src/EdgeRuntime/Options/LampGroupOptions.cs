using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Options;

/// <summary>A lamp group: the lamps on one circuit or dimming line, switched and dimmed together.</summary>
public sealed class LampGroupOptions
{
    /// <summary>Group id, used as the event source and in commands.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device id of the light sensor (photocell) the group follows.</summary>
    public string LightSensor { get; set; } = "";

    /// <summary>Outputs the group drives.</summary>
    public List<LampOutputOptions> Outputs { get; set; } = [];

    /// <summary>Photocell levels and delays (TALQ onLevel/offLevel).</summary>
    public PhotocellOptions Photocell { get; set; } = new();
}
