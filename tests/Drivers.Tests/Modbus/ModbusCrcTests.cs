using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class ModbusCrcTests
{
    [Theory]
    // Read 10 holding registers of slave 1: the most quoted RTU frame.
    [InlineData("01030000000A", "C5CD")]
    // MODBUS Application Protocol §6.3 example (registers 108-110 = addresses 0x6B..0x6D) sent to slave 17.
    [InlineData("1103006B0003", "7687")]
    // Modbus over Serial Line v1.02 §6.2.2: function 07 to slave 02 goes out as 02 07 41 12.
    [InlineData("0207", "4112")]
    // The well-known answer of slave 17 to that read (registers AE41 5652 4340).
    [InlineData("110306AE4156524340", "49AD")]
    public void Compute_PublishedFrames_MatchesTheirCrcBytes(string hex, string crcHex)
    {
        byte[] data = Convert.FromHexString(hex);

        ushort crc = ModbusCrc.Compute(data);

        Assert.Equal(crcHex, $"{(byte)crc:X2}{(byte)(crc >> 8):X2}");
    }

    [Fact]
    public void BuildRtu_SpecExample_AppendsCrcLowByteFirst()
    {
        byte[] adu = ModbusAdu.BuildRtu(0x11, ModbusPdu.ReadHoldingRegisters(0x006B, 3));

        Assert.Equal("1103006B00037687", Convert.ToHexString(adu));
        Assert.True(ModbusCrc.Check(adu));
    }

    [Fact]
    public void Check_FlippedBit_Fails()
    {
        byte[] adu = Convert.FromHexString("01030000000AC5CD");
        adu[3] ^= 0x10;

        Assert.False(ModbusCrc.Check(adu));
    }

    [Fact]
    public void BuildMbap_ReadTenRegisters_HeaderCarriesLengthAndUnit()
    {
        // Messaging on TCP/IP §3.1.3: transaction, protocol 0, length = unit + PDU, unit.
        byte[] adu = ModbusAdu.BuildMbap(0x0102, 0x11, ModbusPdu.ReadHoldingRegisters(0, 10));

        Assert.Equal("01020000000611030000000A", Convert.ToHexString(adu));
    }
}
