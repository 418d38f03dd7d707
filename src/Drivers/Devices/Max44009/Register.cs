namespace EdgeGateway.Drivers.Devices.Max44009;

/// <summary>MAX44009 register addresses (datasheet table 1).</summary>
internal enum Register : byte
{
    InterruptStatus = 0x00,
    InterruptEnable = 0x01,
    Configuration = 0x02,
    LuxHigh = 0x03,
    LuxLow = 0x04,
}
