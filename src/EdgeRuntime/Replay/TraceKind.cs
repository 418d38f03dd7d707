namespace EdgeGateway.Runtime.Replay;

/// <summary>The trace file kinds of CONTRACT.md, told apart by their header.</summary>
internal enum TraceKind
{
    /// <summary><c>ts,lux</c>: an ambient light sensor (bh1750).</summary>
    Light,

    /// <summary><c>ts,x,y,z</c> in µT: a magnetometer (hmc5883l).</summary>
    Magnetometer,

    /// <summary><c>ts,distance_mm</c>: an ultrasonic distance source, one ping per row.</summary>
    Distance,
}
