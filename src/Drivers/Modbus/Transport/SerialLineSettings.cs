namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// An RS-485 line: port, baud, character format, and the RTU timing derived from them
/// (Modbus over Serial Line v1.02 §2.5.1.1: t1.5 and t3.5, fixed at 750 µs and 1.75 ms above 19200 baud).
/// </summary>
/// <param name="PortName">The device, e.g. <c>/dev/ttyUSB0</c> or <c>/dev/ttyAMA0</c>.</param>
/// <param name="BaudRate">Bits per second.</param>
/// <param name="Parity">Parity (Even by default as the spec says).</param>
/// <param name="DataBits">Data bits (8 for RTU).</param>
/// <param name="StopBits">Stop bits: 1 or 2.</param>
public sealed record SerialLineSettings(
    string PortName,
    int BaudRate = 19200,
    SerialParity Parity = SerialParity.Even,
    int DataBits = 8,
    int StopBits = 1)
{
    /// <summary>Bits on the wire per character: start, data, parity, stop.</summary>
    public int BitsPerCharacter => 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + StopBits;

    /// <summary>The time one character takes on the wire.</summary>
    public TimeSpan CharacterTime => TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond * (double)BitsPerCharacter / BaudRate));

    /// <summary>t3.5: the silence that separates frames; 1.75 ms fixed above 19200 baud (§2.5.1.1).</summary>
    public TimeSpan SilentInterval => BaudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : CharacterTime * 3.5;

    /// <summary>t1.5: a longer gap inside a frame ends it; 750 µs fixed above 19200 baud (§2.5.1.1).</summary>
    public TimeSpan InterCharacterTimeout => BaudRate > 19200 ? TimeSpan.FromMicroseconds(750) : CharacterTime * 1.5;

    /// <summary>Throws when a setting is outside what a UART can do.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PortName);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaudRate, 300);
        if (DataBits is < 7 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(DataBits), DataBits, "data bits must be 7 or 8");
        }

        if (StopBits is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(StopBits), StopBits, "stop bits must be 1 or 2");
        }
    }
}
