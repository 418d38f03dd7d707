using System.Device.Gpio;

namespace EdgeGateway.Runtime.Lighting.Outputs.Relay;

/// <summary>
/// A contactor or relay on a GPIO output, switching a lamp circuit on or off (any level above 0 is on).
/// With a normally closed contact (the default, DESIGN.md fail-safe) the lamps burn while the coil is released:
/// the gateway energises the coil (drives the pin high) only to switch them off, so a dead or rebooting gateway,
/// whose pins float to their reset state, leaves the street lit.
/// </summary>
internal sealed class RelayLampOutput : ILampOutput
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly bool _normallyClosed;

    /// <summary>Opens <paramref name="pin"/> as an output.</summary>
    public RelayLampOutput(GpioController gpio, int pin, bool normallyClosed)
    {
        _gpio = gpio;
        _pin = pin;
        _normallyClosed = normallyClosed;
    }

    /// <inheritdoc />
    public string Name => $"gpio{_pin}";

    /// <inheritdoc />
    public void Apply(int level)
    {
        bool lit = level > 0;
        bool energise = _normallyClosed ? !lit : lit;
        try
        {
            if (!_gpio.IsPinOpen(_pin))
            {
                _gpio.OpenPin(_pin, PinMode.Output);
            }

            _gpio.Write(_pin, energise ? PinValue.High : PinValue.Low);
        }
        catch (Exception ex) when (ex is InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            // GPIO faults surface as several exception types; the lighting loop treats any as an output that did not take.
            throw new IOException($"GPIO {_pin}: {ex.Message}", ex);
        }
    }
}
