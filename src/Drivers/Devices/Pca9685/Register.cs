namespace EdgeGateway.Drivers.Devices.Pca9685;

/// <summary>PCA9685 register addresses (NXP datasheet rev. 4, table 4, p. 10).</summary>
internal enum Register : byte
{
    Mode1 = 0x00,
    Mode2 = 0x01,
    Led0OnL = 0x06,
    AllLedOnL = 0xFA,
    AllLedOnH = 0xFB,
    AllLedOffL = 0xFC,
    AllLedOffH = 0xFD,
    PreScale = 0xFE,
    TestMode = 0xFF,
}
