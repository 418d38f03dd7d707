using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Max44009;

/// <summary>
/// A Maxim MAX44009 on the simulated bus, read through the real <c>Iot.Device.Max44009.Max44009</c> binding. A register
/// map with a pointer: the master writes the register address (then data for a write), a read returns bytes from the
/// pointer on. The lux reading is a 4-bit exponent and an 8-bit mantissa, lx = 2^E × M × 0.045 (datasheet p. 9-10).
/// </summary>
public sealed class SimulatedMax44009 : SimulatedI2cDevice, ISimulatedLightSensor
{
    /// <summary>Address with A0 tied to GND (datasheet p. 8; 0x4B with A0 to VCC).</summary>
    public const int DefaultAddress = 0x4A;

    /// <summary>The brightest reading the part can give: 2^14 × 255 × 0.045 lx (datasheet p. 1).</summary>
    public const double MaxLux = 188_006.4;

    private const double LsbLux = 0.045;

    // Registers 0x00-0x07 (datasheet table 1): interrupt status, interrupt enable, configuration, lux high/low,
    // upper/lower threshold, threshold timer. The threshold timer resets to 0xFF, the upper threshold to 0xEF.
    private readonly byte[] _registers = [0x00, 0x00, 0x03, 0x00, 0x00, 0xEF, 0x00, 0xFF];
    private int _pointer;
    private double _lux;

    /// <summary>Creates the sensor at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    public SimulatedMax44009(int busId = 1, int address = DefaultAddress)
        : base(busId, address)
    {
    }

    /// <summary>The configuration register as the master last wrote it (0x03 after power-on).</summary>
    public byte Configuration => _registers[(int)Register.Configuration];

    /// <inheritdoc />
    public double Lux
    {
        get => _lux;
        set => Locked(() =>
        {
            _lux = Math.Max(0, value);
            Encode(_lux);
        });
    }

    /// <inheritdoc />
    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }

        if (data[0] >= _registers.Length)
        {
            throw new IOException($"MAX44009 does not acknowledge register 0x{data[0]:X2}");
        }

        _pointer = data[0];
        for (int i = 1; i < data.Length; i++)
        {
            // The lux registers and the interrupt status are read-only.
            if (_pointer is not ((int)Register.LuxHigh or (int)Register.LuxLow or (int)Register.InterruptStatus))
            {
                _registers[_pointer] = data[i];
            }

            _pointer = Math.Min(_pointer + 1, _registers.Length - 1);
        }
    }

    /// <inheritdoc />
    protected override void OnRead(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer = Math.Min(_pointer + 1, _registers.Length - 1);
        }
    }

    // The smallest exponent whose mantissa fits 8 bits (automatic range); beyond the top of the range the part reads
    // its largest value.
    private void Encode(double lux)
    {
        int exponent = 0;
        while (exponent < 14 && lux / (LsbLux * (1 << exponent)) > 255.5)
        {
            exponent++;
        }

        int mantissa = (int)Math.Clamp(Math.Round(lux / (LsbLux * (1 << exponent))), 0, 255);
        _registers[(int)Register.LuxHigh] = (byte)((exponent << 4) | (mantissa >> 4));
        _registers[(int)Register.LuxLow] = (byte)(mantissa & 0x0F);
    }
}
