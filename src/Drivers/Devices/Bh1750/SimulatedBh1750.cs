using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Bh1750;

/// <summary>
/// A ROHM BH1750FVI ambient light sensor on the simulated bus, read through the real
/// <c>Iot.Device.Bh1750fvi.Bh1750fvi</c> binding. It is command-driven (no registers): the master
/// writes an opcode and reads a big-endian 16-bit count.
/// </summary>
public sealed class SimulatedBh1750 : SimulatedI2cDevice, ISimulatedLightSensor
{
    /// <summary>Default address with ADDR tied low (datasheet p. 10).</summary>
    public const int DefaultAddress = 0x23;

    // Power-on state (datasheet p. 5): powered down, measurement time register MTreg = 69 (0b0100_0101).
    private bool _poweredOn;
    private byte _mtReg = 69;
    private Command _mode = Command.ContinuousHighRes;
    private double _lux;

    /// <summary>Creates the sensor at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    public SimulatedBh1750(int busId = 1, int address = DefaultAddress)
        : base(busId, address)
    {
    }

    /// <summary>The illuminance the world puts on the sensor's window, in lux.</summary>
    public double Lux
    {
        get => _lux;
        set => Locked(() => _lux = Math.Max(0, value));
    }

    /// <inheritdoc />
    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            Execute(b);
        }
    }

    /// <inheritdoc />
    protected override void OnRead(Span<byte> buffer)
    {
        // Datasheet p. 11: H-resolution count = lx * 1.2 * (MTreg / 69); H-resolution mode 2 halves the step (x2 count).
        double count = _poweredOn ? _lux * 1.2 * (_mtReg / 69.0) : 0;
        if (_mode is Command.ContinuousHighRes2 or Command.OneTimeHighRes2)
        {
            count *= 2;
        }

        // The data register is 16 bits: bright sunlight saturates at 65535 counts.
        ushort raw = (ushort)Math.Clamp(Math.Round(count), 0, ushort.MaxValue);
        if (buffer.Length > 0)
        {
            buffer[0] = (byte)(raw >> 8);
        }

        if (buffer.Length > 1)
        {
            buffer[1] = (byte)raw;
        }

        if (_mode is Command.OneTimeHighRes or Command.OneTimeHighRes2 or Command.OneTimeLowRes)
        {
            // One-time modes power down after the measurement (datasheet p. 5).
            _poweredOn = false;
        }
    }

    private void Execute(byte opcode)
    {
        if ((opcode & 0xF8) == (byte)Command.MeasurementTimeHigh)
        {
            _mtReg = (byte)((_mtReg & 0x1F) | ((opcode & 0x07) << 5));
            return;
        }

        if ((opcode & 0xE0) == (byte)Command.MeasurementTimeLow)
        {
            _mtReg = (byte)((_mtReg & 0xE0) | (opcode & 0x1F));
            return;
        }

        switch ((Command)opcode)
        {
            case Command.PowerDown:
                _poweredOn = false;
                break;
            case Command.PowerOn:
                _poweredOn = true;
                break;
            case Command.Reset:
                break; // Resets the data register only; harmless here.
            case Command.ContinuousHighRes or Command.ContinuousHighRes2 or Command.ContinuousLowRes
                or Command.OneTimeHighRes or Command.OneTimeHighRes2 or Command.OneTimeLowRes:
                _mode = (Command)opcode;
                _poweredOn = true;
                break;
            default:
                throw new IOException($"BH1750 does not acknowledge opcode 0x{opcode:X2}");
        }
    }
}
