using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus.Protocol;

/// <summary>
/// Wraps PDUs into application data units: RTU (unit, PDU, CRC-16 low byte first; Modbus over Serial Line §2.5.1)
/// and Modbus TCP (MBAP: transaction id, protocol id 0, length of unit + PDU, unit; Messaging on TCP/IP §3.1.3).
/// </summary>
internal static class ModbusAdu
{
    /// <summary>MBAP header length including the unit id.</summary>
    public const int MbapHeaderLength = 7;

    /// <summary>Largest MBAP length field: unit id + a 253-byte PDU.</summary>
    public const int MaxMbapLength = 254;

    /// <summary>Largest RTU ADU (§2.5.1: 256 bytes).</summary>
    public const int MaxRtuLength = 256;

    /// <summary>An RTU frame: unit, PDU, CRC (low byte first).</summary>
    public static byte[] BuildRtu(byte unitId, ReadOnlySpan<byte> pdu)
    {
        byte[] adu = new byte[pdu.Length + 3];
        adu[0] = unitId;
        pdu.CopyTo(adu.AsSpan(1));
        ushort crc = ModbusCrc.Compute(adu.AsSpan(0, pdu.Length + 1));
        adu[^2] = (byte)crc;
        adu[^1] = (byte)(crc >> 8);
        return adu;
    }

    /// <summary>A Modbus TCP frame: MBAP header then PDU.</summary>
    public static byte[] BuildMbap(ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        byte[] adu = new byte[MbapHeaderLength + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(adu, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(adu.AsSpan(4), (ushort)(pdu.Length + 1));
        adu[6] = unitId;
        pdu.CopyTo(adu.AsSpan(MbapHeaderLength));
        return adu;
    }

    /// <summary>
    /// The total length of an RTU request frame from its first bytes (a slave's view), or -1 when more bytes are
    /// needed to say, or 0 when the function is not one of the eight.
    /// </summary>
    public static int RtuRequestLength(ReadOnlySpan<byte> start)
    {
        if (start.Length < 2)
        {
            return -1;
        }

        return start[1] switch
        {
            >= 1 and <= 6 => 8,
            15 or 16 => start.Length >= 7 ? 9 + start[6] : -1,
            _ => 0,
        };
    }
}
