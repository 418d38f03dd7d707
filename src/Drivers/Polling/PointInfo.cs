namespace EdgeGateway.Drivers.Polling;

/// <summary>A point this gateway publishes (CONTRACT.md <c>meta</c>: point, unit, kind, device).</summary>
/// <param name="Point">Point name, <c>{device}.{quantity}</c>.</param>
/// <param name="Unit">Unit symbol (lx, %, W, V, µT).</param>
/// <param name="Kind">What the point measures or commands, e.g. <c>illuminance</c>, <c>dimLevel</c>.</param>
/// <param name="Device">The device id it belongs to.</param>
public sealed record PointInfo(string Point, string Unit, string Kind, string Device);
