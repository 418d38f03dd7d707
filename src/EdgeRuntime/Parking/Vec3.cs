namespace EdgeGateway.Runtime.Parking;

/// <summary>A three-axis magnetic vector in µT (x, y, z as the magnetometer reports them).</summary>
/// <param name="X">X axis, µT.</param>
/// <param name="Y">Y axis, µT.</param>
/// <param name="Z">Z axis, µT.</param>
internal readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>The zero vector.</summary>
    public static Vec3 Zero => default;

    /// <summary>Euclidean length, µT.</summary>
    public double Magnitude => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);

    public static Vec3 operator *(double k, Vec3 a) => new(k * a.X, k * a.Y, k * a.Z);

    /// <summary>Scalar product.</summary>
    public static double Dot(Vec3 a, Vec3 b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);
}
