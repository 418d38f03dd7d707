using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Protocol;
using EdgeGateway.Drivers.Modbus.Simulation;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class ModbusResponseParserFuzzTests
{
    private static readonly byte[][] Requests =
    [
        ModbusPdu.ReadCoils(0, 13),
        ModbusPdu.ReadDiscreteInputs(0, 8),
        ModbusPdu.ReadHoldingRegisters(0, 10),
        ModbusPdu.ReadInputRegisters(0, 2),
        ModbusPdu.WriteSingleCoil(3, true),
        ModbusPdu.WriteSingleRegister(3, 0x1234),
        ModbusPdu.WriteMultipleCoils(0, [true, false, true]),
        ModbusPdu.WriteMultipleRegisters(0, [1, 2]),
    ];

    [Fact]
    public void Parse_RandomFrames_AlwaysClassifiesNeverThrows()
    {
        var random = new Random(20_260_521);
        byte[] buffer = new byte[300];
        for (int i = 0; i < 200_000; i++)
        {
            byte[] request = Requests[i % Requests.Length];
            int length = random.Next(0, i % 4 == 0 ? 12 : buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));

            // Bias towards plausible headers so the deep branches are reached, not only the first check.
            if (length > 1 && i % 3 == 0)
            {
                buffer[1] = (byte)(request[0] | (i % 6 == 0 ? 0x80 : 0));
            }

            var frame = buffer.AsSpan(0, length);
            AssertDefined(ModbusResponseParser.ParsePdu(request, frame));
            AssertDefined(ModbusResponseParser.ParseRtu(length > 0 ? buffer[0] : (byte)1, request, frame));
            AssertDefined(ModbusResponseParser.ParseMbap(1, 1, request, frame));
        }
    }

    [Fact]
    public void ParseRtu_TruncatedValidFrames_TruncatedOrCrcNeverGood()
    {
        var bank = Bank();
        foreach (byte[] request in Requests)
        {
            byte[] adu = ModbusAdu.BuildRtu(1, ModbusSlaveProcessor.Process(1, request, bank));
            Assert.Equal(ModbusResponseStatus.Good, ModbusResponseParser.ParseRtu(1, request, adu).Status);
            for (int cut = 0; cut < adu.Length; cut++)
            {
                var response = ModbusResponseParser.ParseRtu(1, request, adu[..cut]);

                Assert.Equal(ModbusResponseStatus.FrameError, response.Status);
                Assert.Contains(response.FrameError, new[] { ModbusFrameError.Truncated, ModbusFrameError.Crc });
            }
        }
    }

    [Fact]
    public void ParseRtu_EverySingleBitFlip_FrameErrorNeverGood()
    {
        // CRC-16 catches every single-bit error (Modbus over Serial Line §2.5.1.2).
        var bank = Bank();
        foreach (byte[] request in Requests)
        {
            byte[] adu = ModbusAdu.BuildRtu(1, ModbusSlaveProcessor.Process(1, request, bank));
            for (int bit = 0; bit < adu.Length * 8; bit++)
            {
                byte[] flipped = (byte[])adu.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));

                Assert.Equal(ModbusResponseStatus.FrameError, ModbusResponseParser.ParseRtu(1, request, flipped).Status);
            }
        }
    }

    [Fact]
    public void ParseMbap_TruncatedValidFrames_NeverGood()
    {
        var bank = Bank();
        foreach (byte[] request in Requests)
        {
            byte[] adu = ModbusAdu.BuildMbap(5, 1, ModbusSlaveProcessor.Process(1, request, bank));
            for (int cut = 0; cut < adu.Length; cut++)
            {
                Assert.Equal(ModbusResponseStatus.FrameError, ModbusResponseParser.ParseMbap(5, 1, request, adu[..cut]).Status);
            }
        }
    }

    private static void AssertDefined(ModbusResponse response)
    {
        Assert.True(Enum.IsDefined(response.Status));
        Assert.True(Enum.IsDefined(response.FrameError));
        Assert.True(response.DataOffset >= 0 && response.DataLength >= 0);
    }

    private static ModbusRegisterBank Bank()
    {
        var bank = new ModbusRegisterBank();
        bank.SetCoils(0, new bool[16], writable: true);
        bank.SetDiscreteInputs(0, new bool[8]);
        bank.SetHolding(0, new ushort[10], writable: true);
        bank.SetInput(0, 1, 2);
        return bank;
    }
}
