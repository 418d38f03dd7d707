using System.Buffers.Binary;
using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// Modbus TCP framing (MBAP, Messaging on TCP/IP v1.0b §3.1.3): each request gets the next transaction id; answers
/// carrying another id (late answers to timed-out requests) are discarded and reading goes on until the timeout.
/// </summary>
internal sealed class MbapTransport(ModbusLink link, ModbusMasterCounters counters) : IModbusTransport
{
    private ushort _transactionId;

    public ModbusLink Link { get; } = link;

    public async Task<ModbusExchange> ExchangeAsync(byte unitId, byte[] requestPdu, CancellationToken cancellationToken)
    {
        Stream stream = await Link.OpenAsync(cancellationToken).ConfigureAwait(false);
        ushort transactionId = unchecked(++_transactionId);
        await stream.WriteAsync(ModbusAdu.BuildMbap(transactionId, unitId, requestPdu), cancellationToken).ConfigureAwait(false);
        byte[] header = new byte[ModbusAdu.MbapHeaderLength];

        // Bytes of the current answer consumed so far: a timeout in the middle of a frame leaves the stream with no
        // known frame boundary, so the connection is dropped and the next request starts on a fresh one.
        int consumed = 0;
        try
        {
            while (true)
            {
                consumed = 0;
                while (consumed < header.Length)
                {
                    int n = await stream.ReadAsync(header.AsMemory(consumed), cancellationToken).ConfigureAwait(false);
                    consumed += n > 0 ? n : throw new EndOfStreamException("the Modbus TCP peer closed the connection");
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
                if (BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) != 0 || length < 2 || length > ModbusAdu.MaxMbapLength)
                {
                    // No way to find the next frame boundary in the stream: start over on a new connection.
                    Link.Close();
                    return new ModbusExchange(header, ModbusResponseParser.ParseMbap(transactionId, unitId, requestPdu, header));
                }

                byte[] frame = new byte[6 + length];
                header.CopyTo(frame, 0);
                await stream.ReadExactlyAsync(frame.AsMemory(ModbusAdu.MbapHeaderLength), cancellationToken).ConfigureAwait(false);
                consumed = 0;
                var response = ModbusResponseParser.ParseMbap(transactionId, unitId, requestPdu, frame);
                if (response.Status == ModbusResponseStatus.StaleTransaction)
                {
                    counters.Add(ref counters.StaleDiscardedCount);
                    continue;
                }

                return new ModbusExchange(frame, response);
            }
        }
        catch (OperationCanceledException) when (consumed > 0)
        {
            Link.Close();
            throw;
        }
    }

    public void Dispose() => Link.Dispose();
}
