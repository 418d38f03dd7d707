using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class ModbusPduTests
{
    [Fact]
    public void Builders_EachFunction_EncodeAsTheSpecExamples()
    {
        // MODBUS Application Protocol v1.1b3 §6.1-6.12 request examples.
        Assert.Equal("0100130013", Convert.ToHexString(ModbusPdu.ReadCoils(19, 19)));
        Assert.Equal("0200C40016", Convert.ToHexString(ModbusPdu.ReadDiscreteInputs(196, 22)));
        Assert.Equal("03006B0003", Convert.ToHexString(ModbusPdu.ReadHoldingRegisters(107, 3)));
        Assert.Equal("0400080001", Convert.ToHexString(ModbusPdu.ReadInputRegisters(8, 1)));
        Assert.Equal("0500ACFF00", Convert.ToHexString(ModbusPdu.WriteSingleCoil(172, true)));
        Assert.Equal("0500AC0000", Convert.ToHexString(ModbusPdu.WriteSingleCoil(172, false)));
        Assert.Equal("0600010003", Convert.ToHexString(ModbusPdu.WriteSingleRegister(1, 3)));

        // §6.11: coils 20-29 = 1100 1101 01 → bytes CD 01.
        bool[] coils = [true, false, true, true, false, false, true, true, true, false];
        Assert.Equal("0F0013000A02CD01", Convert.ToHexString(ModbusPdu.WriteMultipleCoils(19, coils)));
        Assert.Equal("100001000204000A0102", Convert.ToHexString(ModbusPdu.WriteMultipleRegisters(1, [0x000A, 0x0102])));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2001)]
    [InlineData(2, 2001)]
    [InlineData(3, 0)]
    [InlineData(3, 126)]
    [InlineData(4, 126)]
    public void Read_QuantityOutsideSpec_Throws(int function, int count)
    {
        Func<ushort, ushort, byte[]> build = function switch
        {
            1 => ModbusPdu.ReadCoils,
            2 => ModbusPdu.ReadDiscreteInputs,
            3 => ModbusPdu.ReadHoldingRegisters,
            _ => ModbusPdu.ReadInputRegisters,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => build(0, (ushort)count));
    }

    [Fact]
    public void Builders_AtTheLimits_Succeed()
    {
        Assert.Equal(5, ModbusPdu.ReadCoils(0, 2000).Length);
        Assert.Equal(5, ModbusPdu.ReadInputRegisters(0, 125).Length);
        Assert.Equal(6 + 246, ModbusPdu.WriteMultipleCoils(0, new bool[1968]).Length);
        Assert.Equal(6 + 246, ModbusPdu.WriteMultipleRegisters(0, new ushort[123]).Length);
        Assert.Equal(5, ModbusPdu.ReadHoldingRegisters(65535, 1).Length);
    }

    [Fact]
    public void Writes_QuantityOutsideSpecOrPastLastAddress_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusPdu.WriteMultipleCoils(0, new bool[1969]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusPdu.WriteMultipleCoils(0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusPdu.WriteMultipleRegisters(0, new ushort[124]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusPdu.WriteMultipleRegisters(0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusPdu.ReadHoldingRegisters(65535, 2));
    }

    [Fact]
    public void Decode_BitsAndRegisters_LsbFirstAndBigEndian()
    {
        Assert.Equal([true, false, true, true, false, false, true, true, true, false], ModbusPdu.DecodeBits([0xCD, 0x01], 10));
        Assert.Equal([(ushort)0x022B, (ushort)0x0000, (ushort)0x0064], ModbusPdu.DecodeRegisters([0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]));
    }
}
