using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus.Protocol;

/// <summary>
/// Classifies any byte sequence as the answer to a request: good, exception response, or which frame error.
/// Pure functions over spans; they never throw for any response bytes (fuzzed in the tests), so the transports
/// can hand them whatever the wire delivered.
/// </summary>
internal static class ModbusResponseParser
{
    /// <summary>Classifies a response PDU (function code + data) against the request PDU.</summary>
    public static ModbusResponse ParsePdu(ReadOnlySpan<byte> request, ReadOnlySpan<byte> response)
    {
        if (response.Length == 0)
        {
            return ModbusResponse.Bad(ModbusFrameError.Truncated);
        }

        if (request.Length < 5)
        {
            // Not a request this master builds: nothing can answer it well.
            return ModbusResponse.Bad(ModbusFrameError.WrongFunction);
        }

        byte function = request[0];
        if (response[0] == (function | 0x80))
        {
            // Exception response: function | 0x80, one code byte (§7).
            return response.Length switch
            {
                < 2 => ModbusResponse.Bad(ModbusFrameError.Truncated),
                > 2 => ModbusResponse.Bad(ModbusFrameError.BadByteCount),
                _ => ModbusResponse.Exception((ModbusExceptionCode)response[1]),
            };
        }

        if (response[0] != function)
        {
            return ModbusResponse.Bad(ModbusFrameError.WrongFunction);
        }

        int expected = ModbusPdu.ExpectedResponseLength(request);
        switch (function)
        {
            case 1 or 2 or 3 or 4:
                if (response.Length < 2)
                {
                    return ModbusResponse.Bad(ModbusFrameError.Truncated);
                }

                if (response[1] != expected - 2)
                {
                    return ModbusResponse.Bad(ModbusFrameError.BadByteCount);
                }

                return response.Length < expected ? ModbusResponse.Bad(ModbusFrameError.Truncated)
                    : response.Length > expected ? ModbusResponse.Bad(ModbusFrameError.BadByteCount)
                    : ModbusResponse.Good(2, expected - 2);

            case 5 or 6 or 15 or 16:
                // The normal response echoes address and value (5, 6) or start and quantity (15, 16).
                return response.Length < 5 ? ModbusResponse.Bad(ModbusFrameError.Truncated)
                    : response.Length > 5 ? ModbusResponse.Bad(ModbusFrameError.BadByteCount)
                    : response[1..5].SequenceEqual(request[1..5]) ? ModbusResponse.Good(5, 0)
                    : ModbusResponse.Bad(ModbusFrameError.BadEcho);

            default:
                return ModbusResponse.Bad(ModbusFrameError.WrongFunction);
        }
    }

    /// <summary>
    /// Classifies an RTU ADU (unit, PDU, CRC low byte first). A frame shorter than its header announces is
    /// <see cref="ModbusFrameError.Truncated"/>; otherwise the CRC is checked before the unit and the PDU.
    /// </summary>
    public static ModbusResponse ParseRtu(byte unitId, ReadOnlySpan<byte> request, ReadOnlySpan<byte> adu)
    {
        if (adu.Length < 2)
        {
            return ModbusResponse.Bad(ModbusFrameError.Truncated);
        }

        int pduLength = AnnouncedPduLength(request, adu[1..]);
        if (adu.Length < 4 || (pduLength > 0 && adu.Length < pduLength + 3))
        {
            return ModbusResponse.Bad(ModbusFrameError.Truncated);
        }

        if (!ModbusCrc.Check(adu))
        {
            return ModbusResponse.Bad(ModbusFrameError.Crc);
        }

        if (adu[0] != unitId)
        {
            return ModbusResponse.Bad(ModbusFrameError.WrongUnit);
        }

        return ParsePdu(request, adu[1..^2]).Shift(1);
    }

    /// <summary>
    /// Classifies a Modbus TCP ADU: MBAP header (transaction id, protocol 0, length, unit) then the PDU
    /// (MODBUS Messaging on TCP/IP v1.0b §3.1.3). Another transaction id is <see cref="ModbusResponseStatus.StaleTransaction"/>.
    /// </summary>
    public static ModbusResponse ParseMbap(ushort transactionId, byte unitId, ReadOnlySpan<byte> request, ReadOnlySpan<byte> adu)
    {
        if (adu.Length < ModbusAdu.MbapHeaderLength)
        {
            return ModbusResponse.Bad(ModbusFrameError.Truncated);
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(adu[4..]);
        if (BinaryPrimitives.ReadUInt16BigEndian(adu[2..]) != 0 || length < 2 || length > ModbusAdu.MaxMbapLength)
        {
            return ModbusResponse.Bad(ModbusFrameError.BadHeader);
        }

        if (adu.Length < 6 + length)
        {
            return ModbusResponse.Bad(ModbusFrameError.Truncated);
        }

        if (adu.Length > 6 + length)
        {
            return ModbusResponse.Bad(ModbusFrameError.BadHeader);
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(adu) != transactionId)
        {
            return ModbusResponse.Stale;
        }

        if (adu[6] != unitId)
        {
            return ModbusResponse.Bad(ModbusFrameError.WrongUnit);
        }

        return ParsePdu(request, adu[ModbusAdu.MbapHeaderLength..]).Shift(ModbusAdu.MbapHeaderLength);
    }

    /// <summary>
    /// The PDU length a response announces through its first bytes (function, byte count), or -1 when it cannot
    /// say (another function, or the byte count not yet received). RTU readers use it to know where a frame ends.
    /// </summary>
    public static int AnnouncedPduLength(ReadOnlySpan<byte> request, ReadOnlySpan<byte> responsePdu)
    {
        if (request.Length < 5 || responsePdu.Length < 1)
        {
            return -1;
        }

        byte function = request[0];
        if (responsePdu[0] == (function | 0x80))
        {
            return 2;
        }

        if (responsePdu[0] != function)
        {
            return -1;
        }

        return function switch
        {
            1 or 2 or 3 or 4 => responsePdu.Length >= 2 ? 2 + responsePdu[1] : -1,
            5 or 6 or 15 or 16 => 5,
            _ => -1,
        };
    }
}
