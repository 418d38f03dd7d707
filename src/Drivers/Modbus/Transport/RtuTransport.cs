using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>
/// RTU framing on a link: flush stale input, keep the t3.5 silence before a frame (Modbus over Serial Line §2.5.1.1),
/// send unit + PDU + CRC, read the answer with <see cref="RtuFrameReader"/>. Shared by the serial port and by
/// RTU-over-TCP (a converter, where the silence is the converter's business and is zero here).
/// </summary>
internal sealed class RtuTransport(ModbusLink link, TimeSpan silentInterval, TimeSpan frameGap, TimeProvider timeProvider) : IModbusTransport
{
    private long _quietSince = timeProvider.GetTimestamp();

    public ModbusLink Link { get; } = link;

    public async Task<ModbusExchange> ExchangeAsync(byte unitId, byte[] requestPdu, CancellationToken cancellationToken)
    {
        Stream stream = await Link.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A late answer to a timed-out request must not be taken for this one's.
        Link.DiscardInput();
        try
        {
            TimeSpan quiet = timeProvider.GetElapsedTime(_quietSince);
            if (quiet < silentInterval)
            {
                // A driver's sub-millisecond wait (DESIGN.md house style 3 allows it here).
                await Task.Delay(silentInterval - quiet, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            byte[] adu = ModbusAdu.BuildRtu(unitId, requestPdu);
            await stream.WriteAsync(adu, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            byte[] frame = await RtuFrameReader.ReadAsync(stream, requestPdu, frameGap, timeProvider, cancellationToken).ConfigureAwait(false);
            return new ModbusExchange(frame, ModbusResponseParser.ParseRtu(unitId, requestPdu, frame));
        }
        finally
        {
            _quietSince = timeProvider.GetTimestamp();
        }
    }

    public void Dispose() => Link.Dispose();
}
