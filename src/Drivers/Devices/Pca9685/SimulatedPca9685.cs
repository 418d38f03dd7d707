using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Pca9685;

/// <summary>
/// An NXP PCA9685 16-channel PWM controller on the simulated bus, read and written through the real
/// <c>Iot.Device.Pwm.Pca9685</c> binding. Each channel drives a lamp group's 0-10 V dimming interface.
/// </summary>
public sealed class SimulatedPca9685 : SimulatedI2cDevice
{
    /// <summary>Address with A5..A0 tied low (datasheet p. 6).</summary>
    public const int DefaultAddress = 0x40;

    private const byte AutoIncrement = 0x20; // MODE1 bit 5, AI (datasheet table 5)
    private const int FullBit = 0x10;        // LEDn_ON_H / LEDn_OFF_H bit 4: full on / full off
    private readonly byte[] _registers = new byte[256];
    private byte _pointer;

    /// <summary>Creates the controller at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    public SimulatedPca9685(int busId = 1, int address = DefaultAddress)
        : base(busId, address)
    {
        // Power-on defaults (datasheet section 7.3): MODE1 = 0x11 (SLEEP | ALLCALL), MODE2 = 0x04 (OUTDRV),
        // PRE_SCALE = 0x1E (200 Hz), every LEDn_OFF_H = 0x10 (full off), ALL_LED_OFF_H = 0x10.
        _registers[(int)Register.Mode1] = 0x11;
        _registers[(int)Register.Mode2] = 0x04;
        _registers[(int)Register.PreScale] = 0x1E;
        for (int channel = 0; channel < 16; channel++)
        {
            _registers[(int)Register.Led0OnL + (4 * channel) + 3] = FullBit;
        }

        _registers[(int)Register.AllLedOffH] = FullBit;
    }

    /// <summary>The output duty cycle of <paramref name="channel"/> (0..1), as the lamp driver sees it.</summary>
    public double DutyCycle(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 15);
        double duty = 0;
        Locked(() =>
        {
            int b = (int)Register.Led0OnL + (4 * channel);
            int on = _registers[b] | (_registers[b + 1] << 8);
            int off = _registers[b + 2] | (_registers[b + 3] << 8);
            bool sleeping = (_registers[(int)Register.Mode1] & 0x10) != 0;
            duty = sleeping ? 0 : (off & 0x1000) != 0 ? 0 : (on & 0x1000) != 0 ? 1 : ((off - on) & 0x0FFF) / 4096.0;
        });
        return duty;
    }

    /// <inheritdoc />
    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _pointer = data[0];
        for (int i = 1; i < data.Length; i++)
        {
            Store(_pointer, data[i]);
            Advance();
        }
    }

    /// <inheritdoc />
    protected override void OnRead(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            Advance();
        }
    }

    private void Store(byte register, byte value)
    {
        _registers[register] = value;
        if (register >= (byte)Register.AllLedOnL && register <= (byte)Register.AllLedOffH)
        {
            // Writes to ALL_LED_* load every channel's matching register (datasheet 7.3.4).
            int part = register - (byte)Register.AllLedOnL;
            for (int channel = 0; channel < 16; channel++)
            {
                _registers[(int)Register.Led0OnL + (4 * channel) + part] = value;
            }
        }
    }

    private void Advance()
    {
        // With MODE1.AI set the pointer walks through the registers; without it, it stays put (datasheet 7.3.1).
        if ((_registers[(int)Register.Mode1] & AutoIncrement) != 0)
        {
            _pointer = _pointer == (byte)Register.AllLedOffH ? (byte)Register.Mode1 : (byte)(_pointer + 1);
        }
    }
}
