namespace EdgeGateway.Drivers.Devices;

/// <summary>What a device is for: the other configuration sections name a device of a role, never of a kind, so a
/// second light sensor part works wherever the first did. Each role fixes the quantities its kinds publish.</summary>
public enum DeviceRole
{
    /// <summary>An ambient light sensor (photocell): publishes <c>lux</c> (lx, illuminance).</summary>
    LightSensor,

    /// <summary>A 3-axis magnetometer under a parking bay: publishes <c>x</c>, <c>y</c>, <c>z</c> (µT), one sample per read.</summary>
    Magnetometer,

    /// <summary>The cabinet's climate sensor: publishes <c>temperature</c> (°C) and <c>humidity</c> (%).</summary>
    ClimateSensor,

    /// <summary>A PWM controller whose channels drive 0-10 V dimming lines (lamp outputs of kind <c>pwm</c>).</summary>
    PwmController,
}
