namespace EdgeGateway.Drivers.Devices.Hmc5883l;

/// <summary>HMC5883L register addresses (Honeywell HMC5883L datasheet, Table 2 "Register List", p.11).</summary>
internal enum Register : byte
{
    /// <summary>Configuration Register A: samples averaged, output rate, measurement mode (p.12).</summary>
    ConfigA = 0x00,

    /// <summary>Configuration Register B: gain in bits 7-5 (p.13).</summary>
    ConfigB = 0x01,

    /// <summary>Mode Register: continuous, single, idle (p.14).</summary>
    Mode = 0x02,

    /// <summary>Data Output X MSB; the data registers run X, Z, Y (p.15).</summary>
    DataXMsb = 0x03,

    /// <summary>Data Output X LSB.</summary>
    DataXLsb = 0x04,

    /// <summary>Data Output Z MSB.</summary>
    DataZMsb = 0x05,

    /// <summary>Data Output Z LSB.</summary>
    DataZLsb = 0x06,

    /// <summary>Data Output Y MSB.</summary>
    DataYMsb = 0x07,

    /// <summary>Data Output Y LSB.</summary>
    DataYLsb = 0x08,

    /// <summary>Status Register: RDY (bit 0), LOCK (bit 1) (p.16).</summary>
    Status = 0x09,

    /// <summary>Identification Register A: 'H' (p.16).</summary>
    IdentA = 0x0A,

    /// <summary>Identification Register B: '4'.</summary>
    IdentB = 0x0B,

    /// <summary>Identification Register C: '3'.</summary>
    IdentC = 0x0C,
}
