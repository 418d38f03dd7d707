namespace EdgeGateway.Runtime.Hosting;

/// <summary>How the service is started: from the command line, or by a test.</summary>
internal sealed class GatewayLaunch
{
    /// <summary>Extra JSON configuration file (<c>--config PATH</c>); must exist when given.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Run the virtual cabinet (<c>--simulate</c>).</summary>
    public bool Simulate { get; init; }

    /// <summary>Settings applied last (tests), keyed like <c>EdgeGateway:Mqtt:Port</c>.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Time source; the system clock when null (or a scaled clock under simulation).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Whether to read the JSON and environment sources (tests turn this off for isolation).</summary>
    public bool UseDefaultSources { get; init; } = true;
}
