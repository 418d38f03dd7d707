namespace EdgeGateway.Drivers.Modbus.Protocol;

/// <summary>The public function codes the master speaks (MODBUS Application Protocol v1.1b3, §6).</summary>
internal enum ModbusFunctionCode : byte
{
    /// <summary>FC 1: read 1..2000 coils.</summary>
    ReadCoils = 0x01,

    /// <summary>FC 2: read 1..2000 discrete inputs.</summary>
    ReadDiscreteInputs = 0x02,

    /// <summary>FC 3: read 1..125 holding registers.</summary>
    ReadHoldingRegisters = 0x03,

    /// <summary>FC 4: read 1..125 input registers.</summary>
    ReadInputRegisters = 0x04,

    /// <summary>FC 5: write one coil (0xFF00 on, 0x0000 off).</summary>
    WriteSingleCoil = 0x05,

    /// <summary>FC 6: write one holding register.</summary>
    WriteSingleRegister = 0x06,

    /// <summary>FC 15: write 1..1968 coils.</summary>
    WriteMultipleCoils = 0x0F,

    /// <summary>FC 16: write 1..123 holding registers.</summary>
    WriteMultipleRegisters = 0x10,
}
