using System.Device.Gpio;

namespace EdgeGateway.Drivers.Simulation.Gpio;

/// <summary>
/// A simulated GPIO chip for the virtual cabinet: a <see cref="GpioDriver"/> under a real
/// <see cref="GpioController"/>, whose input levels the world sets (<see cref="SetInput"/>) and which raises
/// the controller's value-change callbacks on each edge, as the Linux gpiochip character device does.
/// An input with a pull-up and nothing driving it reads High; with a pull-down, Low.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PinState> _pins = [];

    /// <summary>Creates a chip with <paramref name="pinCount"/> lines (the Pi's gpiochip0 has 54; the header uses 2-27).</summary>
    public SimulatedGpioDriver(int pinCount = 28) => PinCount = pinCount;

    /// <inheritdoc />
    protected override int PinCount { get; }

    /// <summary>Drives an input line from outside (a door contact, a push button), raising callbacks on an edge.</summary>
    public void SetInput(int pin, PinValue? level)
    {
        PinChangeEventHandler? handlers;
        PinValue before, after;
        lock (_gate)
        {
            var state = State(pin);
            before = state.Level;
            state.External = level;
            after = state.Level;
            handlers = before == after ? null : after == PinValue.High ? state.Rising : state.Falling;
        }

        handlers?.Invoke(this, new PinValueChangedEventArgs(after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling, pin));
    }

    /// <summary>The level a line shows now (driven output, external input or pull).</summary>
    public PinValue Level(int pin)
    {
        lock (_gate)
        {
            return State(pin).Level;
        }
    }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber) => Locked(() => State(pinNumber).Open = true);

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber) => Locked(() => State(pinNumber).Open = false);

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode) => Locked(() => State(pinNumber).Mode = mode);

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return State(pinNumber).Mode;
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => pinNumber >= 0 && pinNumber < PinCount;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber) => Level(pinNumber);

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value) => Locked(() => State(pinNumber).Output = value);

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The virtual cabinet raises callbacks; blocking waits are not simulated.");

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) => Locked(() =>
    {
        var s = State(pinNumber);
        if (eventTypes.HasFlag(PinEventTypes.Rising))
        {
            s.Rising += callback;
        }

        if (eventTypes.HasFlag(PinEventTypes.Falling))
        {
            s.Falling += callback;
        }
    });

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => Locked(() =>
    {
        var s = State(pinNumber);
        s.Rising -= callback;
        s.Falling -= callback;
    });

    private void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    private PinState State(int pin)
    {
        if (pin < 0 || pin >= PinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), $"The simulated chip has lines 0-{PinCount - 1}.");
        }

        if (!_pins.TryGetValue(pin, out var s))
        {
            _pins[pin] = s = new PinState();
        }

        return s;
    }

    private sealed class PinState
    {
        public bool Open { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue? External { get; set; }

        public PinValue Output { get; set; } = PinValue.Low;

        public PinChangeEventHandler? Rising { get; set; }

        public PinChangeEventHandler? Falling { get; set; }

        // An output shows what is driven; an input what the world drives, else its pull (floating reads Low).
        public PinValue Level => Mode == PinMode.Output ? Output : External ?? (Mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low);
    }
}
