namespace EdgeGateway.Contracts;

/// <summary>An event: (type, source, severity, timestamp, data). Types are listed in CONTRACT.md.</summary>
/// <param name="Type">The event type, e.g. <c>light.on</c>.</param>
/// <param name="Source">What raised it: a lamp group, a bay, a bin, a device id.</param>
/// <param name="Severity">Info, warning or critical.</param>
/// <param name="Timestamp">When it happened, UTC.</param>
/// <param name="Data">Type-specific data; values are JSON-serialisable primitives.</param>
public sealed record GatewayEvent(
    string Type,
    string Source,
    Severity Severity,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, object?> Data)
{
    /// <summary>An event with no data.</summary>
    public static GatewayEvent Create(string type, string source, Severity severity, DateTimeOffset timestamp) =>
        new(type, source, severity, timestamp, new Dictionary<string, object?>());
}
