namespace EdgeGateway.Drivers.Devices.Bh1750;

/// <summary>BH1750FVI instruction set (ROHM datasheet rev. D, p. 5, "Instruction Set Architecture").</summary>
internal enum Command : byte
{
    PowerDown = 0x00,
    PowerOn = 0x01,
    Reset = 0x07,
    ContinuousHighRes = 0x10,
    ContinuousHighRes2 = 0x11,
    ContinuousLowRes = 0x13,
    OneTimeHighRes = 0x20,
    OneTimeHighRes2 = 0x21,
    OneTimeLowRes = 0x23,

    /// <summary>01000_MT[7,5]: high bits of the measurement-time register.</summary>
    MeasurementTimeHigh = 0x40,

    /// <summary>011_MT[4,0]: low bits of the measurement-time register.</summary>
    MeasurementTimeLow = 0x60,
}
