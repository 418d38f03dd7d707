namespace EdgeGateway.Contracts;

/// <summary>One sample of one point: (point, timestamp UTC, value, quality), as DESIGN.md's data flow names it.</summary>
/// <param name="Point">The point name, e.g. <c>light.ambient.lux</c>.</param>
/// <param name="Timestamp">When it was sampled, UTC.</param>
/// <param name="Value">The value in the point's unit; for a bad reading, the last good value (or NaN if none).</param>
/// <param name="Quality">How far the value can be trusted.</param>
public readonly record struct Reading(string Point, DateTimeOffset Timestamp, double Value, Quality Quality);
