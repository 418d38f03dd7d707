using System.Device.I2c;

namespace EdgeGateway.Drivers.Simulation;

/// <summary>
/// A handle on a simulated device that a driver may dispose without tearing the device out of the
/// cabinet, as closing a file descriptor on <c>/dev/i2c-1</c> leaves the chip on the bus.
/// </summary>
internal sealed class NonOwningI2cDevice(I2cDevice inner) : I2cDevice
{
    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings => inner.ConnectionSettings;

    /// <inheritdoc />
    public override byte ReadByte() => inner.ReadByte();

    /// <inheritdoc />
    public override void Read(Span<byte> buffer) => inner.Read(buffer);

    /// <inheritdoc />
    public override void WriteByte(byte value) => inner.WriteByte(value);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => inner.WriteRead(writeBuffer, readBuffer);
}
