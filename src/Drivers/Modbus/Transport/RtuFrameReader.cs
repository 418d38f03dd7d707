using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// Reads one RTU response frame from a stream (a serial port or a TCP socket to a converter). The frame ends at the
/// length its first bytes announce (function, byte count), or, for a shape the reader cannot predict, at the first
/// inter-character gap longer than <c>gap</c> (t1.5 of Modbus over Serial Line §2.5.1.1, with a floor for OS latency).
/// </summary>
internal static class RtuFrameReader
{
    /// <summary>Reads the answer to <paramref name="request"/>; waits for the first byte until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<byte[]> ReadAsync(Stream stream, byte[] request, TimeSpan gap, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[ModbusAdu.MaxRtuLength];

        // Ask for the whole good answer at once; a shorter (exception) frame simply returns fewer bytes.
        int first = Math.Clamp(ModbusPdu.ExpectedResponseLength(request) + 3, 2, buffer.Length);
        int count = await stream.ReadAsync(buffer.AsMemory(0, first), cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            throw new EndOfStreamException("the link closed while waiting for an answer");
        }

        while (true)
        {
            int target = Target(request, buffer.AsSpan(0, count));
            if (count >= target)
            {
                return buffer[..Math.Min(count, target)];
            }

            int read = await ReadWithinGapAsync(stream, buffer.AsMemory(count, target - count), gap, timeProvider, cancellationToken).ConfigureAwait(false);
            if (read < 0)
            {
                // Silence longer than the gap: the frame has ended, complete or not; the parser classifies it.
                return buffer[..count];
            }

            if (read == 0)
            {
                throw new EndOfStreamException("the link closed in the middle of a frame");
            }

            count += read;
        }
    }

    /// <summary>How many bytes the frame needs: known from its header, or the most an RTU frame can hold.</summary>
    private static int Target(byte[] request, ReadOnlySpan<byte> received)
    {
        if (received.Length < 2)
        {
            return 2;
        }

        int pdu = ModbusResponseParser.AnnouncedPduLength(request, received[1..]);
        if (pdu > 0)
        {
            return Math.Min(pdu + 3, ModbusAdu.MaxRtuLength);
        }

        bool readResponse = received[1] == request[0] && request[0] is >= 1 and <= 4;
        return readResponse && received.Length < 3 ? 3 : ModbusAdu.MaxRtuLength;
    }

    private static async Task<int> ReadWithinGapAsync(Stream stream, Memory<byte> into, TimeSpan gap, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var silence = new CancellationTokenSource(gap, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        try
        {
            return await stream.ReadAsync(into, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return -1;
        }
    }
}
