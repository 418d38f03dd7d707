namespace EdgeGateway.Drivers.Simulation;

/// <summary>A simulated climate sensor of any kind: the street's world sets the cabinet's air.</summary>
public interface ISimulatedClimateSensor
{
    /// <summary>The air at the sensor.</summary>
    void SetClimate(double temperatureC, double humidityPct);
}
