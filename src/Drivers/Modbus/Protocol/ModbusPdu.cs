using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus.Protocol;

/// <summary>
/// Builds request PDUs (function code + data, big-endian) for the eight function codes, with the quantity limits of
/// MODBUS Application Protocol v1.1b3 §6.1-6.12, and decodes the data of read responses.
/// </summary>
internal static class ModbusPdu
{
    /// <summary>FC 1/2 maximum quantity (§6.1: 0x7D0).</summary>
    public const int MaxReadBits = 2000;

    /// <summary>FC 3/4 maximum quantity (§6.3: 0x7D).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>FC 15 maximum quantity (§6.11: 0x7B0).</summary>
    public const int MaxWriteBits = 1968;

    /// <summary>FC 16 maximum quantity (§6.12: 0x7B).</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>FC 1 request.</summary>
    public static byte[] ReadCoils(ushort start, ushort count) => Read(ModbusFunctionCode.ReadCoils, start, count, MaxReadBits);

    /// <summary>FC 2 request.</summary>
    public static byte[] ReadDiscreteInputs(ushort start, ushort count) => Read(ModbusFunctionCode.ReadDiscreteInputs, start, count, MaxReadBits);

    /// <summary>FC 3 request.</summary>
    public static byte[] ReadHoldingRegisters(ushort start, ushort count) => Read(ModbusFunctionCode.ReadHoldingRegisters, start, count, MaxReadRegisters);

    /// <summary>FC 4 request.</summary>
    public static byte[] ReadInputRegisters(ushort start, ushort count) => Read(ModbusFunctionCode.ReadInputRegisters, start, count, MaxReadRegisters);

    /// <summary>FC 5 request: ON is 0xFF00, OFF 0x0000 (§6.5).</summary>
    public static byte[] WriteSingleCoil(ushort address, bool value) => Header(ModbusFunctionCode.WriteSingleCoil, address, value ? (ushort)0xFF00 : (ushort)0x0000, 0);

    /// <summary>FC 6 request.</summary>
    public static byte[] WriteSingleRegister(ushort address, ushort value) => Header(ModbusFunctionCode.WriteSingleRegister, address, value, 0);

    /// <summary>FC 15 request: bits packed LSB first, the last byte padded with zeros (§6.11).</summary>
    public static byte[] WriteMultipleCoils(ushort start, IReadOnlyList<bool> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckRange(start, values.Count, MaxWriteBits, nameof(values));
        int byteCount = (values.Count + 7) / 8;
        byte[] pdu = Header(ModbusFunctionCode.WriteMultipleCoils, start, (ushort)values.Count, 1 + byteCount);
        pdu[5] = (byte)byteCount;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i])
            {
                pdu[6 + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return pdu;
    }

    /// <summary>FC 16 request.</summary>
    public static byte[] WriteMultipleRegisters(ushort start, IReadOnlyList<ushort> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckRange(start, values.Count, MaxWriteRegisters, nameof(values));
        byte[] pdu = Header(ModbusFunctionCode.WriteMultipleRegisters, start, (ushort)values.Count, 1 + (2 * values.Count));
        pdu[5] = (byte)(2 * values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(6 + (2 * i)), values[i]);
        }

        return pdu;
    }

    /// <summary>
    /// The length of the normal response PDU to <paramref name="request"/>, or -1 when the request is not one of the
    /// eight function codes (or too short to say).
    /// </summary>
    public static int ExpectedResponseLength(ReadOnlySpan<byte> request)
    {
        if (request.Length < 5)
        {
            return -1;
        }

        int quantity = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        return request[0] switch
        {
            1 or 2 => 2 + ((quantity + 7) / 8),
            3 or 4 => 2 + (2 * quantity),
            5 or 6 or 15 or 16 => 5,
            _ => -1,
        };
    }

    /// <summary>Unpacks <paramref name="count"/> bits (LSB of the first byte first) from read response data.</summary>
    public static bool[] DecodeBits(ReadOnlySpan<byte> data, int count)
    {
        var bits = new bool[count];
        for (int i = 0; i < count && i / 8 < data.Length; i++)
        {
            bits[i] = (data[i / 8] & (1 << (i % 8))) != 0;
        }

        return bits;
    }

    /// <summary>Reads big-endian registers from read response data.</summary>
    public static ushort[] DecodeRegisters(ReadOnlySpan<byte> data)
    {
        var registers = new ushort[data.Length / 2];
        for (int i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }

        return registers;
    }

    private static byte[] Read(ModbusFunctionCode function, ushort start, ushort count, int max)
    {
        CheckRange(start, count, max, nameof(count));
        return Header(function, start, count, 0);
    }

    private static void CheckRange(ushort start, int count, int max, string name)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException(name, count, $"quantity must be 1..{max}");
        }

        // The last address must still fit in 16 bits (§4.4: addresses 0..65535).
        if (start + count > 0x10000)
        {
            throw new ArgumentOutOfRangeException(name, count, $"start {start} + quantity {count} passes address 65535");
        }
    }

    private static byte[] Header(ModbusFunctionCode function, ushort first, ushort second, int extra)
    {
        byte[] pdu = new byte[5 + extra];
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), first);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), second);
        return pdu;
    }
}
