using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>
/// Turns register spans into engineering values and back. The registers are first put into canonical order
/// (most significant word first, big-endian bytes) by undoing the <see cref="WordOrder"/>: CDAB and DCBA reverse
/// the words (for 64-bit values all four), BADC and DCBA swap the bytes inside each word. Then
/// <c>value = raw × scale + offset</c>; encoding inverts it and rounds for integer types.
/// </summary>
public static class ModbusValueCodec
{
    /// <summary>Decodes the raw value (no scale or offset) from exactly the point's registers.</summary>
    /// <exception cref="ArgumentException">The span is not the type's width, or the type is bool.</exception>
    public static double DecodeRaw(ReadOnlySpan<ushort> registers, ModbusDataType type, WordOrder order)
    {
        if (type == ModbusDataType.Bool)
        {
            throw new ArgumentException("a bool is a bit, not a register", nameof(type));
        }

        int width = type.Width();
        if (registers.Length != width)
        {
            throw new ArgumentException($"{type} needs {width} registers, got {registers.Length}", nameof(registers));
        }

        Span<ushort> words = stackalloc ushort[width];
        registers.CopyTo(words);
        Canonicalise(words, order);
        ulong bits = 0;
        foreach (var w in words)
        {
            bits = (bits << 16) | w;
        }

        // Each arm is cast to double: without it the switch's common type would be float and lose u32/s32 digits.
        return type switch
        {
            ModbusDataType.U16 => (double)(ushort)bits,
            ModbusDataType.S16 => (double)(short)(ushort)bits,
            ModbusDataType.U32 => (double)(uint)bits,
            ModbusDataType.S32 => (double)(int)(uint)bits,
            ModbusDataType.F32 => (double)BitConverter.Int32BitsToSingle((int)(uint)bits),
            _ => (double)bits,
        };
    }

    /// <summary>Decodes and applies scale and offset.</summary>
    public static double Decode(ReadOnlySpan<ushort> registers, ValueFormat format) =>
        (DecodeRaw(registers, format.Type, format.WordOrder) * format.Scale) + format.Offset;

    /// <summary>A bit as a value: 1 or 0 (scale and offset do not apply to bits).</summary>
    public static double Decode(bool bit) => bit ? 1 : 0;

    /// <summary>Encodes a raw value (no scale or offset) into registers in the given order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the type, or is not finite.</exception>
    public static ushort[] EncodeRaw(double raw, ModbusDataType type, WordOrder order)
    {
        if (!double.IsFinite(raw))
        {
            throw new ArgumentOutOfRangeException(nameof(raw), raw, "not a finite number");
        }

        if (type.IsInteger())
        {
            raw = Math.Round(raw, MidpointRounding.AwayFromZero);
        }

        ulong bits = type switch
        {
            ModbusDataType.U16 => (ushort)Checked(raw, 0, ushort.MaxValue, type),
            ModbusDataType.S16 => (ushort)(short)Checked(raw, short.MinValue, short.MaxValue, type),
            ModbusDataType.U32 => (uint)Checked(raw, 0, uint.MaxValue, type),
            ModbusDataType.S32 => (uint)(int)Checked(raw, int.MinValue, int.MaxValue, type),
            ModbusDataType.F32 => (uint)BitConverter.SingleToInt32Bits((float)Checked(raw, float.MinValue, float.MaxValue, type)),
            ModbusDataType.U64 when raw >= 0 && raw < 18446744073709551616.0 => (ulong)raw,
            ModbusDataType.Bool => throw new ArgumentException("a bool is a bit, not a register", nameof(type)),
            _ => throw new ArgumentOutOfRangeException(nameof(raw), raw, $"does not fit {type}"),
        };

        int width = type.Width();
        var words = new ushort[width];
        for (int i = width - 1; i >= 0; i--)
        {
            words[i] = (ushort)bits;
            bits >>= 16;
        }

        Canonicalise(words, order); // the transform is its own inverse
        return words;
    }

    /// <summary>Encodes an engineering value: <c>raw = (value - offset) / scale</c>, rounded for integer types.</summary>
    public static ushort[] Encode(double value, ValueFormat format) =>
        EncodeRaw((value - format.Offset) / format.Scale, format.Type, format.WordOrder);

    /// <summary>Encodes a value for a writable register after checking it against the point's min and max.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside min/max or the type's range.</exception>
    public static ushort[] Encode(double value, WritablePoint point)
    {
        CheckRange(value, point);
        return Encode(value, point.Format);
    }

    /// <summary>Checks a value against a writable point's min and max.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside min/max, or NaN.</exception>
    public static void CheckRange(double value, WritablePoint point)
    {
        if (double.IsNaN(value) || value < (point.Min ?? double.NegativeInfinity) || value > (point.Max ?? double.PositiveInfinity))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, $"{point.Name} accepts {point.Min?.ToString() ?? "-inf"} to {point.Max?.ToString() ?? "+inf"} {point.Unit}");
        }
    }

    private static double Checked(double raw, double min, double max, ModbusDataType type) =>
        raw >= min && raw <= max ? raw : throw new ArgumentOutOfRangeException(nameof(raw), raw, $"raw value does not fit {type} ({min} to {max})");

    private static void Canonicalise(Span<ushort> words, WordOrder order)
    {
        if (order is WordOrder.CDAB or WordOrder.DCBA)
        {
            words.Reverse();
        }

        if (order is WordOrder.BADC or WordOrder.DCBA)
        {
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = BinaryPrimitives.ReverseEndianness(words[i]);
            }
        }
    }
}
