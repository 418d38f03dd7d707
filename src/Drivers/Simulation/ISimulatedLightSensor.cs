namespace EdgeGateway.Drivers.Simulation;

/// <summary>A simulated light sensor of any kind: the virtual cabinet's sky (and a replayed trace) sets what it sees.</summary>
public interface ISimulatedLightSensor
{
    /// <summary>The illuminance on the sensor's window, lx.</summary>
    double Lux { get; set; }
}
