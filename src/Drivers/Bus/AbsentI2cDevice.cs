using System.Device.I2c;

namespace EdgeGateway.Drivers.Bus;

/// <summary>Stands for a device that could not be opened at boot: every transfer fails like a NACK.</summary>
public sealed class AbsentI2cDevice(int busId, int address) : I2cDevice
{
    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    /// <inheritdoc />
    public override byte ReadByte() => throw Nack();

    /// <inheritdoc />
    public override void Read(Span<byte> buffer) => throw Nack();

    /// <inheritdoc />
    public override void WriteByte(byte value) => throw Nack();

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => throw Nack();

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw Nack();

    private IOException Nack() => new($"No device at 0x{ConnectionSettings.DeviceAddress:X2} on I2C bus {ConnectionSettings.BusId}");
}
