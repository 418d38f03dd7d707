using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Sht3x;

/// <summary>
/// A simulated Sensirion SHT3x-DIS temperature/humidity sensor on I2C (address 0x44, ADDR low). It is a
/// command device, not a register map: a 16-bit command starts a single-shot measurement, then a 6-byte read
/// returns T MSB, T LSB, CRC, RH MSB, RH LSB, CRC (datasheet 4.5), each CRC-8 over its two bytes with
/// polynomial 0x31 and init 0xFF (4.12). Chosen over the BME280 because its protocol needs no calibration
/// trim tables to be faithful. Read it through the real <c>Iot.Device.Sht3x.Sht3x</c> binding.
/// </summary>
public sealed class SimulatedSht3x : SimulatedI2cDevice, ISimulatedClimateSensor
{
    /// <summary>7-bit address with ADDR pin low (datasheet Table 7).</summary>
    public const int DefaultAddress = 0x44;

    private byte[] _output = [];
    private double _temperatureC = 25;
    private double _humidityPct = 50;
    private ushort _status = 0x0010; // power-on status: "system reset detected" bit 4 set (4.11, Table 17)

    /// <summary>Creates the device at <paramref name="address"/> (0x44) on bus <paramref name="busId"/>.</summary>
    public SimulatedSht3x(int busId = 1, int address = DefaultAddress)
        : base(busId, address)
    {
    }

    /// <summary>True after the heater-enable command (the binding's <c>Heater</c> property).</summary>
    public bool HeaterOn { get; private set; }

    /// <summary>When true, the next measurement's CRC bytes are corrupted (a noisy bus).</summary>
    public bool CorruptCrc { get; set; }

    /// <summary>Sets what the next measurement reports: °C (-45..130) and %RH (0..100), per datasheet 4.13.</summary>
    public void SetClimate(double temperatureC, double humidityPct) => Locked(() =>
    {
        _temperatureC = Math.Clamp(temperatureC, -45, 130);
        _humidityPct = Math.Clamp(humidityPct, 0, 100);
    });

    /// <summary>CRC-8 as the datasheet defines it (4.12): polynomial 0x31, init 0xFF, no reflection, no final XOR.</summary>
    internal static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    /// <inheritdoc />
    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length != 2)
        {
            throw new IOException($"SHT3x commands are 16 bits; got {buffer.Length} byte(s) (datasheet 4.3).");
        }

        switch ((Command)((buffer[0] << 8) | buffer[1]))
        {
            case Command.MeasureHigh or Command.MeasureMedium or Command.MeasureLow:
                _output = Measurement();
                break;
            case Command.SoftReset:
                HeaterOn = false;
                _output = [];
                break;
            case Command.HeaterEnable:
                HeaterOn = true;
                break;
            case Command.HeaterDisable:
                HeaterOn = false;
                break;
            case Command.ReadStatus:
                _output = WithCrc((ushort)(_status | (HeaterOn ? 0x2000 : 0)));
                break;
            default:
                // An unknown command is NACKed by the part (4.3): the master sees an I/O error.
                throw new IOException($"SHT3x NACK: unknown command 0x{buffer[0]:X2}{buffer[1]:X2}.");
        }
    }

    /// <inheritdoc />
    protected override void OnRead(Span<byte> buffer)
    {
        if (_output.Length < buffer.Length)
        {
            // Reading with no measurement pending is NACKed (datasheet 4.5: "read header NACK").
            throw new IOException("SHT3x NACK: no measurement data available.");
        }

        _output.AsSpan(0, buffer.Length).CopyTo(buffer);
        _output = [];
    }

    private byte[] Measurement()
    {
        // Inverse of datasheet 4.13: T = -45 + 175 * St / (2^16 - 1); RH = 100 * Srh / (2^16 - 1).
        ushort st = (ushort)Math.Round((_temperatureC + 45) * 65535 / 175);
        ushort srh = (ushort)Math.Round(_humidityPct * 65535 / 100);
        var bytes = WithCrc(st).Concat(WithCrc(srh)).ToArray();
        if (CorruptCrc)
        {
            bytes[2] ^= 0xFF;
            bytes[5] ^= 0xFF;
        }

        return bytes;
    }

    private static byte[] WithCrc(ushort word)
    {
        byte[] w = [(byte)(word >> 8), (byte)word, 0];
        w[2] = Crc8(w.AsSpan(0, 2));
        return w;
    }
}
