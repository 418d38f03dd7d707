namespace EdgeGateway.Drivers.Devices;

/// <summary>One point a device kind publishes: <c>{id}.{Quantity}</c> in <paramref name="Unit"/>.</summary>
/// <param name="Quantity">The point name's last part (<c>lux</c>, <c>x</c>, <c>temperature</c>).</param>
/// <param name="Unit">Unit symbol as <c>meta</c> gives it.</param>
/// <param name="Kind">What it measures (<c>illuminance</c>, <c>magneticField</c>).</param>
public sealed record PointTemplate(string Quantity, string Unit, string Kind);
