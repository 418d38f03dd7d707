using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class ModbusResponseParserTests
{
    private static readonly byte[] ReadThree = ModbusPdu.ReadHoldingRegisters(0x6B, 3);

    private static ModbusResponse Rtu(byte[] request, string pduHex, byte unit = 0x11) =>
        ModbusResponseParser.ParseRtu(0x11, request, ModbusAdu.BuildRtu(unit, Convert.FromHexString(pduHex)));

    [Fact]
    public void ParseRtu_SpecAnswer_GoodWithDataLocated()
    {
        byte[] adu = Convert.FromHexString("110306AE415652434049AD");

        var response = ModbusResponseParser.ParseRtu(0x11, ReadThree, adu);

        Assert.Equal(ModbusResponseStatus.Good, response.Status);
        Assert.Equal([(ushort)0xAE41, (ushort)0x5652, (ushort)0x4340], ModbusPdu.DecodeRegisters(adu.AsSpan(response.DataOffset, response.DataLength)));
    }

    [Fact]
    public void ParseRtu_ExceptionResponse_TypedCode()
    {
        var response = Rtu(ReadThree, "8302");

        Assert.Equal(ModbusResponseStatus.Exception, response.Status);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, response.ExceptionCode);
    }

    [Theory]
    [InlineData("0306AE4156524340", 0x12, ModbusFrameError.WrongUnit)]
    [InlineData("0406AE4156524340", 0x11, ModbusFrameError.WrongFunction)]
    [InlineData("0304AE415652", 0x11, ModbusFrameError.BadByteCount)]
    [InlineData("0306AE41565243", 0x11, ModbusFrameError.Truncated)]
    [InlineData("0306AE415652434000", 0x11, ModbusFrameError.BadByteCount)]
    [InlineData("830201", 0x11, ModbusFrameError.BadByteCount)]
    public void ParseRtu_BadFrames_Classified(string pduHex, byte unit, ModbusFrameError expected)
    {
        var response = Rtu(ReadThree, pduHex, unit);

        Assert.Equal(ModbusResponseStatus.FrameError, response.Status);
        Assert.Equal(expected, response.FrameError);
    }

    [Fact]
    public void ParseRtu_BadCrc_Crc()
    {
        byte[] adu = Convert.FromHexString("110306AE415652434049AE");

        Assert.Equal(ModbusFrameError.Crc, ModbusResponseParser.ParseRtu(0x11, ReadThree, adu).FrameError);
    }

    [Fact]
    public void ParseRtu_FrameCutShort_TruncatedNotCrc()
    {
        byte[] adu = Convert.FromHexString("110306AE415652434049AD");

        Assert.Equal(ModbusFrameError.Truncated, ModbusResponseParser.ParseRtu(0x11, ReadThree, adu[..7]).FrameError);
        Assert.Equal(ModbusFrameError.Truncated, ModbusResponseParser.ParseRtu(0x11, ReadThree, adu[..1]).FrameError);
    }

    [Theory]
    [InlineData("0600010004")]
    [InlineData("0600020003")]
    public void ParsePdu_EchoThatDiffers_BadEcho(string responseHex)
    {
        var response = ModbusResponseParser.ParsePdu(ModbusPdu.WriteSingleRegister(1, 3), Convert.FromHexString(responseHex));

        Assert.Equal(ModbusFrameError.BadEcho, response.FrameError);
    }

    [Fact]
    public void ParsePdu_WriteMultipleEcho_Good()
    {
        byte[] request = ModbusPdu.WriteMultipleRegisters(1, [10, 258]);

        Assert.Equal(ModbusResponseStatus.Good, ModbusResponseParser.ParsePdu(request, Convert.FromHexString("1000010002")).Status);
        Assert.Equal(ModbusFrameError.BadEcho, ModbusResponseParser.ParsePdu(request, Convert.FromHexString("1000010003")).FrameError);
    }

    [Fact]
    public void ParsePdu_CoilsWithPaddedByte_Good()
    {
        // §6.1 example: 19 coils from 20 → 3 bytes CD 6B 05.
        var response = ModbusResponseParser.ParsePdu(ModbusPdu.ReadCoils(19, 19), Convert.FromHexString("0103CD6B05"));

        Assert.Equal(ModbusResponse.Good(2, 3), response);
    }

    [Fact]
    public void ParseMbap_GoodStaleWrongUnitAndBadHeaders_Classified()
    {
        byte[] request = ModbusPdu.ReadHoldingRegisters(0, 1);
        byte[] good = ModbusAdu.BuildMbap(7, 1, Convert.FromHexString("0302002A"));

        Assert.Equal(ModbusResponse.Good(9, 2), ModbusResponseParser.ParseMbap(7, 1, request, good));
        Assert.Equal(ModbusResponseStatus.StaleTransaction, ModbusResponseParser.ParseMbap(8, 1, request, good).Status);
        Assert.Equal(ModbusFrameError.WrongUnit, ModbusResponseParser.ParseMbap(7, 2, request, good).FrameError);

        byte[] protocol = (byte[])good.Clone();
        protocol[3] = 1;
        Assert.Equal(ModbusFrameError.BadHeader, ModbusResponseParser.ParseMbap(7, 1, request, protocol).FrameError);

        byte[] length = (byte[])good.Clone();
        length[5] = 1;
        Assert.Equal(ModbusFrameError.BadHeader, ModbusResponseParser.ParseMbap(7, 1, request, length).FrameError);
        Assert.Equal(ModbusFrameError.Truncated, ModbusResponseParser.ParseMbap(7, 1, request, good[..^1]).FrameError);
        Assert.Equal(ModbusFrameError.Truncated, ModbusResponseParser.ParseMbap(7, 1, request, good[..5]).FrameError);
    }

    [Fact]
    public void ParsePdu_Empty_Truncated()
    {
        Assert.Equal(ModbusFrameError.Truncated, ModbusResponseParser.ParsePdu(ReadThree, []).FrameError);
    }
}
