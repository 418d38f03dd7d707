namespace EdgeGateway.Drivers.Distance;

/// <summary>
/// The seam between the bin logic and whatever measures a bin's fill distance: one call fires one measurement
/// cycle (a burst of pings) and returns each ping's distance in mm, <see cref="double.NaN"/> for a ping with no
/// echo. Blind-zone and beyond-floor rejection and the median are the caller's (<c>Runtime.Waste.BinMonitor</c>),
/// so a source reports what the transducer heard. Throws <see cref="IOException"/> when the sensor does not
/// answer at all (bus error), which the caller treats as a cycle without a valid echo.
/// Implementations: the virtual cabinet's <c>SimulatedUltrasonicSensor</c>, and <c>Runtime.Modbus.ModbusDistanceSource</c>
/// for a Modbus level sensor (each poll of its distance register since the previous cycle is one ping; a bad read or
/// the no-echo flag is NaN).
/// </summary>
public interface IDistanceSource
{
    /// <summary>The source's device id (as configured in <c>Bins:n:DistanceSource</c>).</summary>
    string Id { get; }

    /// <summary>Fires one measurement cycle at <paramref name="now"/>; returns the pings' distances, mm (NaN = no echo).</summary>
    /// <exception cref="IOException">The sensor did not answer.</exception>
    IReadOnlyList<double> PingCycle(DateTimeOffset now);
}
