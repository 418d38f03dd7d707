namespace EdgeGateway.Drivers.Simulation;

/// <summary>A simulated magnetometer of any kind: the street's world (and a replayed trace) sets the field it sees.</summary>
public interface ISimulatedMagnetometer
{
    /// <summary>The field at the sensor, µT per axis.</summary>
    void SetField(double xUt, double yUt, double zUt);
}
