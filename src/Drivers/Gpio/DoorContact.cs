using System.Device.Gpio;

namespace EdgeGateway.Drivers.Gpio;

/// <summary>
/// The cabinet door contact (reed or micro switch) on a GPIO input, read through a <see cref="GpioController"/>
/// it receives. The usual wiring is a normally-closed contact to ground with the input's pull-up on: the closed
/// door holds the line Low, an open door (or a cut wire) lets the pull-up raise it High, so a cut cable reads
/// as "open", the safe side for an alarm.
/// </summary>
public sealed class DoorContact : IDisposable
{
    private readonly GpioController _controller;
    private readonly PinValue _openLevel;

    /// <summary>Opens <paramref name="pin"/> as an input; <paramref name="openLevel"/> is the level meaning "door open".</summary>
    public DoorContact(GpioController controller, int pin, PinValue openLevel, bool pullUp)
    {
        _controller = controller;
        _openLevel = openLevel;
        Pin = pin;
        _controller.OpenPin(pin, pullUp ? PinMode.InputPullUp : PinMode.Input);
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    /// <summary>Raised on each edge (bounce included) with the new raw "open" reading; debouncing is the caller's.</summary>
    public event Action<bool>? Changed;

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>The contact now: true when the line is at the "open" level.</summary>
    public bool IsOpen => _controller.Read(Pin) == _openLevel;

    /// <summary>Parses a configured level name ("High" or "Low", any case).</summary>
    public static PinValue ParseLevel(string level) =>
        string.Equals(level, "High", StringComparison.OrdinalIgnoreCase) ? PinValue.High
        : string.Equals(level, "Low", StringComparison.OrdinalIgnoreCase) ? PinValue.Low
        : throw new ArgumentException($"A GPIO level is 'High' or 'Low' (was '{level}').", nameof(level));

    /// <inheritdoc />
    public void Dispose()
    {
        _controller.UnregisterCallbackForPinValueChangedEvent(Pin, OnEdge);
        _controller.ClosePin(Pin);
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e) =>
        Changed?.Invoke((e.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low) == _openLevel);
}
