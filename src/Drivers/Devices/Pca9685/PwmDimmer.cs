using System.Device.I2c;
using Iot.Device.Pwm;

namespace EdgeGateway.Drivers.Devices.Pca9685;

/// <summary>
/// Lamp dimming outputs on a PCA9685 driven through the Iot.Device.Bindings driver. Each channel feeds a
/// 0-10 V interface; level 0-100 % maps to the duty cycle.
/// </summary>
public sealed class PwmDimmer : IActuator, IDisposable
{
    private readonly I2cDevice _bus;
    private Iot.Device.Pwm.Pca9685? _chip;

    /// <summary>Creates the dimmer on the given bus device.</summary>
    public PwmDimmer(string id, I2cDevice bus)
    {
        Id = id;
        _bus = bus;
    }

    /// <summary>The configured device id.</summary>
    public string Id { get; }

    /// <summary>Sets <paramref name="channel"/> to <paramref name="levelPercent"/> (0-100).</summary>
    /// <exception cref="IOException">The chip did not answer.</exception>
    public void SetLevel(int channel, double levelPercent)
    {
        try
        {
            // 1 kHz keeps the 0-10 V filter of common LED drivers ripple-free (PCA9685 prescale 0x05).
            _chip ??= new Iot.Device.Pwm.Pca9685(_bus, pwmFrequency: 1000);
            _chip.SetDutyCycle(channel, Math.Clamp(levelPercent, 0, 100) / 100.0);
        }
        catch (IOException)
        {
            _chip = null;
            throw;
        }
    }

    /// <summary>Reads back the duty cycle of <paramref name="channel"/> as a level 0-100.</summary>
    public double GetLevel(int channel)
    {
        _chip ??= new Iot.Device.Pwm.Pca9685(_bus, pwmFrequency: 1000);
        return _chip.GetDutyCycle(channel) * 100.0;
    }

    /// <inheritdoc />
    public string? Probe()
    {
        try
        {
            GetLevel(0);
            return null;
        }
        catch (IOException ex)
        {
            _chip = null;
            return ex.Message;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _bus.Dispose();
}
