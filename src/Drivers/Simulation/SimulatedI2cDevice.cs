using System.Device.I2c;

namespace EdgeGateway.Drivers.Simulation;

/// <summary>
/// Base of the virtual cabinet's I2C devices: an <see cref="I2cDevice"/> that a real
/// Iot.Device.Bindings class can talk to exactly as it would to <c>/dev/i2c-1</c>.
/// A device can be made to stop answering, which surfaces as the <see cref="IOException"/>
/// the Linux driver raises for a NACK.
/// </summary>
public abstract class SimulatedI2cDevice : I2cDevice
{
    private readonly Lock _gate = new();

    /// <summary>Creates the device at an address on a simulated bus.</summary>
    protected SimulatedI2cDevice(int busId, int address) =>
        ConnectionSettings = new I2cConnectionSettings(busId, address);

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>When true the device NACKs every transfer, like a sensor whose cable was cut.</summary>
    public bool Faulted { get; set; }

    /// <summary>Transfers so far, for tests that check how often the bus is used.</summary>
    public long Transfers { get; private set; }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            Begin();
            OnRead(buffer);
        }
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            Begin();
            OnWrite(buffer);
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            Begin();
            OnWrite(writeBuffer);
            OnRead(readBuffer);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the device's lock, for models updated from another thread.</summary>
    protected void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    /// <summary>Handles a master write (the register pointer or a command, then data).</summary>
    protected abstract void OnWrite(ReadOnlySpan<byte> data);

    /// <summary>Fills a master read.</summary>
    protected abstract void OnRead(Span<byte> buffer);

    private void Begin()
    {
        Transfers++;
        if (Faulted)
        {
            // The Linux i2c-dev driver reports a missing ACK as EREMOTEIO, which .NET surfaces as an IOException.
            throw new IOException($"I2C device 0x{ConnectionSettings.DeviceAddress:X2} on bus {ConnectionSettings.BusId} did not acknowledge");
        }
    }
}
