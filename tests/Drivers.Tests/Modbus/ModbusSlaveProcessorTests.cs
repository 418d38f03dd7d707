using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Protocol;
using EdgeGateway.Drivers.Modbus.Simulation;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class ModbusSlaveProcessorTests
{
    private readonly ModbusRegisterBank _bank = new();

    public ModbusSlaveProcessorTests()
    {
        _bank.SetHolding(0x6B, [0xAE41, 0x5652, 0x4340], writable: true);
        _bank.SetCoils(0, new bool[20], writable: true);
    }

    [Fact]
    public void Process_SpecRead_SpecAnswer()
    {
        Assert.Equal("0306AE4156524340", Convert.ToHexString(ModbusSlaveProcessor.Process(0x11, ModbusPdu.ReadHoldingRegisters(0x6B, 3), _bank)));
    }

    [Theory]
    [InlineData("0700000001", ModbusExceptionCode.IllegalFunction)]
    [InlineData("2B0E0100", ModbusExceptionCode.IllegalFunction)]
    [InlineData("03006B0000", ModbusExceptionCode.IllegalDataValue)]
    [InlineData("03006B007E", ModbusExceptionCode.IllegalDataValue)]
    [InlineData("0300000001", ModbusExceptionCode.IllegalDataAddress)]
    [InlineData("0500001234", ModbusExceptionCode.IllegalDataValue)]
    [InlineData("0F0000000A0100", ModbusExceptionCode.IllegalDataValue)]
    [InlineData("10006B000103000000", ModbusExceptionCode.IllegalDataValue)]
    [InlineData("0300", ModbusExceptionCode.IllegalDataValue)]
    public void Process_BadRequests_ExceptionPdu(string requestHex, ModbusExceptionCode code)
    {
        byte[] request = Convert.FromHexString(requestHex);

        byte[] response = ModbusSlaveProcessor.Process(1, request, _bank);

        Assert.Equal([(byte)(request[0] | 0x80), (byte)code], response);
    }

    [Fact]
    public void Process_Writes_EchoAndStore()
    {
        Assert.Equal("0F0000000A", Convert.ToHexString(ModbusSlaveProcessor.Process(1, ModbusPdu.WriteMultipleCoils(0, [.. Enumerable.Repeat(true, 10)]), _bank)));
        Assert.Equal("06006B0007", Convert.ToHexString(ModbusSlaveProcessor.Process(1, ModbusPdu.WriteSingleRegister(0x6B, 7), _bank)));

        Assert.All(_bank.ReadCoils(1, 0, 10), Assert.True);
        Assert.Equal((ushort)7, _bank.ReadHolding(1, 0x6B, 1)[0]);
    }
}
