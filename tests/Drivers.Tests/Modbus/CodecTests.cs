using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class CodecTests
{
    // Known vectors: the value, its type, and its registers on the wire for each word order.
    public static TheoryData<ModbusDataType, WordOrder, ushort[], double> Vectors()
    {
        var data = new TheoryData<ModbusDataType, WordOrder, ushort[], double>();
        void Add(ModbusDataType type, double value, ushort[] abcd, ushort[] cdab, ushort[] badc, ushort[] dcba)
        {
            data.Add(type, WordOrder.ABCD, abcd, value);
            data.Add(type, WordOrder.CDAB, cdab, value);
            data.Add(type, WordOrder.BADC, badc, value);
            data.Add(type, WordOrder.DCBA, dcba, value);
        }

        Add(ModbusDataType.U16, 0x1234, [0x1234], [0x1234], [0x3412], [0x3412]);
        Add(ModbusDataType.U16, 65535, [0xFFFF], [0xFFFF], [0xFFFF], [0xFFFF]);
        Add(ModbusDataType.S16, -2, [0xFFFE], [0xFFFE], [0xFEFF], [0xFEFF]);
        Add(ModbusDataType.S16, -12345, [0xCFC7], [0xCFC7], [0xC7CF], [0xC7CF]);
        Add(ModbusDataType.U32, 0x12345678, [0x1234, 0x5678], [0x5678, 0x1234], [0x3412, 0x7856], [0x7856, 0x3412]);
        Add(ModbusDataType.U32, 4294967295, [0xFFFF, 0xFFFF], [0xFFFF, 0xFFFF], [0xFFFF, 0xFFFF], [0xFFFF, 0xFFFF]);
        Add(ModbusDataType.S32, -123456789, [0xF8A4, 0x32EB], [0x32EB, 0xF8A4], [0xA4F8, 0xEB32], [0xEB32, 0xA4F8]);
        Add(ModbusDataType.S32, 2305, [0x0000, 0x0901], [0x0901, 0x0000], [0x0000, 0x0109], [0x0109, 0x0000]);
        Add(ModbusDataType.F32, 230.5, [0x4366, 0x8000], [0x8000, 0x4366], [0x6643, 0x0080], [0x0080, 0x6643]);
        Add(ModbusDataType.F32, 230.0, [0x4366, 0x0000], [0x0000, 0x4366], [0x6643, 0x0000], [0x0000, 0x6643]);
        Add(ModbusDataType.F32, -1.5, [0xBFC0, 0x0000], [0x0000, 0xBFC0], [0xC0BF, 0x0000], [0x0000, 0xC0BF]);
        Add(
            ModbusDataType.U64,
            0x0102030405060708UL,
            [0x0102, 0x0304, 0x0506, 0x0708],
            [0x0708, 0x0506, 0x0304, 0x0102],
            [0x0201, 0x0403, 0x0605, 0x0807],
            [0x0807, 0x0605, 0x0403, 0x0201]);
        Add(ModbusDataType.U64, 123456, [0, 0, 0x0001, 0xE240], [0xE240, 0x0001, 0, 0], [0, 0, 0x0100, 0x40E2], [0x40E2, 0x0100, 0, 0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void DecodeRaw_KnownVector_GivesValue(ModbusDataType type, WordOrder order, ushort[] registers, double value)
    {
        Assert.Equal(value, ModbusValueCodec.DecodeRaw(registers, type, order));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EncodeRaw_KnownVector_GivesRegisters(ModbusDataType type, WordOrder order, ushort[] registers, double value)
    {
        if (type == ModbusDataType.U64 && value > 1L << 53)
        {
            return; // a double cannot carry this u64 exactly; decoding is what matters for counters
        }

        Assert.Equal(registers, ModbusValueCodec.EncodeRaw(value, type, order));
    }

    [Fact]
    public void Decode_Em340VoltageScaled_AppliesScale()
    {
        var format = new ValueFormat(ModbusDataType.S32, WordOrder.CDAB, 0.1);

        Assert.Equal(230.5, ModbusValueCodec.Decode([0x0901, 0x0000], format), 9);
    }

    [Fact]
    public void Decode_ScaleAndOffset_AppliesBoth()
    {
        var format = new ValueFormat(ModbusDataType.S16, WordOrder.ABCD, 0.1, -40);

        Assert.Equal(25.0, ModbusValueCodec.Decode([650], format), 9);
    }

    [Fact]
    public void Encode_ScaledInteger_RoundsToNearestStep()
    {
        var format = new ValueFormat(ModbusDataType.S32, WordOrder.CDAB, 0.1);

        Assert.Equal(new ushort[] { 0x0901, 0x0000 }, ModbusValueCodec.Encode(230.54, format));
        Assert.Equal(new ushort[] { 0x0902, 0x0000 }, ModbusValueCodec.Encode(230.55, format));
    }

    [Fact]
    public void Encode_Offset_IsInverted()
    {
        var format = new ValueFormat(ModbusDataType.S16, WordOrder.ABCD, 0.1, -40);

        Assert.Equal(new ushort[] { 650 }, ModbusValueCodec.Encode(25, format));
    }

    [Theory]
    [InlineData(ModbusDataType.U16, 65536)]
    [InlineData(ModbusDataType.U16, -1)]
    [InlineData(ModbusDataType.S16, 32768)]
    [InlineData(ModbusDataType.U32, -1)]
    [InlineData(ModbusDataType.S32, 2147483648)]
    [InlineData(ModbusDataType.U64, -1)]
    [InlineData(ModbusDataType.F32, double.NaN)]
    [InlineData(ModbusDataType.F32, 1e39)]
    public void EncodeRaw_OutOfTypeRange_Throws(ModbusDataType type, double raw)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValueCodec.EncodeRaw(raw, type, WordOrder.ABCD));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    [InlineData(double.NaN)]
    public void Encode_WritableOutsideMinMax_Throws(double value)
    {
        var point = new WritablePoint("dimLevel", ModbusTable.Holding, 0, new ValueFormat(ModbusDataType.U16), 0, 100, "%", "dimLevel");

        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValueCodec.Encode(value, point));
    }

    [Fact]
    public void Encode_WritableInRange_Encodes()
    {
        var point = new WritablePoint("dimLevel", ModbusTable.Holding, 0, new ValueFormat(ModbusDataType.U16), 0, 100, "%", "dimLevel");

        Assert.Equal(new ushort[] { 50 }, ModbusValueCodec.Encode(49.6, point));
    }

    [Fact]
    public void DecodeRaw_WrongWidth_Throws()
    {
        Assert.Throws<ArgumentException>(() => ModbusValueCodec.DecodeRaw([0x4366], ModbusDataType.F32, WordOrder.ABCD));
    }

    [Theory]
    [InlineData(WordOrder.ABCD)]
    [InlineData(WordOrder.CDAB)]
    [InlineData(WordOrder.BADC)]
    [InlineData(WordOrder.DCBA)]
    public void EncodeThenDecode_EveryType_RoundTrips(WordOrder order)
    {
        foreach (var (type, value) in new (ModbusDataType, double)[]
                 {
                     (ModbusDataType.U16, 543.21), (ModbusDataType.S16, -3.21), (ModbusDataType.U32, 30_000_000.07),
                     (ModbusDataType.S32, -20_000_000.13), (ModbusDataType.F32, 49.98), (ModbusDataType.U64, 1_000_000_000.5),
                 })
        {
            var format = new ValueFormat(type, order, 0.01, 5);
            var registers = ModbusValueCodec.Encode(value, format);

            Assert.Equal(value, ModbusValueCodec.Decode(registers, format), type == ModbusDataType.F32 ? 4 : 2);
        }
    }
}
