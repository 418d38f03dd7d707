using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Parking;

/// <summary>One magnetometer sample of a bay sensor, in µT, with its quality.</summary>
/// <param name="X">X axis, µT (NaN when the axis was not read).</param>
/// <param name="Y">Y axis, µT.</param>
/// <param name="Z">Z axis, µT.</param>
/// <param name="Quality">Bad for a bus error or an empty trace cell.</param>
internal readonly record struct MagSample(double X, double Y, double Z, Quality Quality)
{
    /// <summary>A missing sample (bus error, empty CSV cell).</summary>
    public static MagSample Missing => new(double.NaN, double.NaN, double.NaN, Quality.Bad);

    /// <summary>True when the sample can feed the detector: not Bad and all three axes finite.</summary>
    public bool IsUsable =>
        Quality != Quality.Bad && double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    /// <summary>The sample as a vector.</summary>
    public Vec3 Vector => new(X, Y, Z);
}
