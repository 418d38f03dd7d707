namespace EdgeGateway.Drivers.Devices.Sht3x;

/// <summary>SHT3x-DIS 16-bit commands (Sensirion SHT3x-DIS datasheet, Tables 9-13, p.10-13).</summary>
internal enum Command : ushort
{
    /// <summary>Single shot, high repeatability, clock stretching disabled (Table 9).</summary>
    MeasureHigh = 0x2400,

    /// <summary>Single shot, medium repeatability, clock stretching disabled.</summary>
    MeasureMedium = 0x240B,

    /// <summary>Single shot, low repeatability, clock stretching disabled.</summary>
    MeasureLow = 0x2416,

    /// <summary>Soft reset (Table 13 / 4.9).</summary>
    SoftReset = 0x30A2,

    /// <summary>Heater on (4.10).</summary>
    HeaterEnable = 0x306D,

    /// <summary>Heater off (4.10).</summary>
    HeaterDisable = 0x3066,

    /// <summary>Read status register (4.11).</summary>
    ReadStatus = 0xF32D,
}
