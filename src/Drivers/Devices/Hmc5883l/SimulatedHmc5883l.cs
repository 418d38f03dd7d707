using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Hmc5883l;

/// <summary>
/// A simulated Honeywell HMC5883L 3-axis magnetometer on I2C (address 0x1E): a 13-byte register map seeded
/// with the datasheet's power-on defaults, a register pointer that auto-increments on reads, and the field
/// set in µT converted to counts with the gain selected in Configuration Register B. Read it through the
/// real <c>Iot.Device.Hmc5883l.Hmc5883l</c> binding.
/// </summary>
public sealed class SimulatedHmc5883l : SimulatedI2cDevice, ISimulatedMagnetometer
{
    /// <summary>The HMC5883L's fixed 7-bit address (datasheet p.11).</summary>
    public const int DefaultAddress = 0x1E;

    // Gain in LSb/Gauss per CRB bits 7-5 (datasheet Table 9, p.13); 1 Gauss = 100 µT.
    private static readonly double[] LsbPerGauss = [1370, 1090, 820, 660, 440, 390, 330, 230];

    private readonly byte[] _registers =
    [
        0x10, // CRA: 1 sample averaged, 15 Hz, normal measurement (p.12 default 0x10)
        0x20, // CRB: gain 1090 LSb/Gauss, ±1.3 Ga (p.13 default 0x20)
        0x01, // Mode: single-measurement mode (p.14 default 0x01)
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // data X, Z, Y: 0 until a measurement (p.15)
        0x00, // Status: not ready, not locked
        (byte)'H', (byte)'4', (byte)'3', // identification A/B/C: ASCII "H43" (p.16)
    ];

    private (double X, double Y, double Z) _fieldUt;
    private byte _pointer;

    /// <summary>Creates the device at <paramref name="address"/> (0x1E) on bus <paramref name="busId"/>.</summary>
    public SimulatedHmc5883l(int busId = 1, int address = DefaultAddress)
        : base(busId, address)
    {
    }

    /// <summary>How many write transactions the device has seen (tests check the binding configured it).</summary>
    public int Writes { get; private set; }

    /// <summary>Sets the magnetic field the sensor sees, in µT, per axis; it shows in the data registers.</summary>
    public void SetField(double xUt, double yUt, double zUt) => Locked(() =>
    {
        _fieldUt = (xUt, yUt, zUt);
        Measure();
    });

    /// <summary>A register's current content (for tests).</summary>
    internal byte Peek(Register register)
    {
        byte value = 0;
        Locked(() => value = _registers[(int)register]);
        return value;
    }

    /// <inheritdoc />
    protected override void OnRead(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer = Next(_pointer);
        }

        // Reading the data registers clears RDY until the next measurement (p.16); continuous mode measures again.
        _registers[(int)Register.Status] &= 0xFE;
        if ((_registers[(int)Register.Mode] & 0x03) == 0x00)
        {
            Measure();
        }
    }

    /// <inheritdoc />
    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        Writes++;
        _pointer = buffer[0] <= (byte)Register.IdentC
            ? buffer[0]
            : throw new IOException($"HMC5883L has no register 0x{buffer[0]:X2} (datasheet Table 2).");
        foreach (byte b in buffer[1..])
        {
            // Only CRA, CRB and Mode are writable (p.11); writes elsewhere are ignored by the part.
            if (_pointer <= (byte)Register.Mode)
            {
                _registers[_pointer] = b;
            }

            _pointer = Next(_pointer);
        }

        if (buffer.Length > 1)
        {
            Measure();
        }
    }

    // The pointer wraps from the last data register (Y LSB, 0x08) to X MSB (0x03) so a 6-byte burst can repeat
    // (p.18 "pointer automatically wraps"), and from 0x0C to 0x00.
    private static byte Next(byte p) => p switch
    {
        (byte)Register.DataYLsb => (byte)Register.DataXMsb,
        (byte)Register.IdentC => 0,
        _ => (byte)(p + 1),
    };

    private void Measure()
    {
        double gain = LsbPerGauss[_registers[(int)Register.ConfigB] >> 5];
        Store(Register.DataXMsb, _fieldUt.X, gain);
        Store(Register.DataZMsb, _fieldUt.Z, gain);
        Store(Register.DataYMsb, _fieldUt.Y, gain);
        _registers[(int)Register.Status] |= 0x01; // RDY
    }

    private void Store(Register msb, double microTesla, double lsbPerGauss)
    {
        double counts = Math.Round(microTesla / 100 * lsbPerGauss);

        // Outside the ADC's -2048..2047 range the part reports -4096 for that axis (p.15).
        short value = counts is < -2048 or > 2047 ? (short)-4096 : (short)counts;
        _registers[(int)msb] = (byte)(value >> 8);
        _registers[(int)msb + 1] = (byte)value;
    }
}
