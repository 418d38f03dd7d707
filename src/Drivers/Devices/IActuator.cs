namespace EdgeGateway.Drivers.Devices;

/// <summary>A device that is commanded, not polled (a PWM controller); <c>check</c> probes it.</summary>
public interface IActuator : IDevice
{
    /// <summary>Talks to the device once: null when it answers, else what failed.</summary>
    string? Probe();
}
