namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>Frames one request onto a link and reads the one frame that answers it.</summary>
internal interface IModbusTransport : IDisposable
{
    /// <summary>The link the transport frames on.</summary>
    ModbusLink Link { get; }

    /// <summary>
    /// Sends <paramref name="requestPdu"/> to <paramref name="unitId"/> and returns the answer, classified.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> (which carries the
    /// request timeout) fires, <see cref="IOException"/> when the link breaks.
    /// </summary>
    Task<ModbusExchange> ExchangeAsync(byte unitId, byte[] requestPdu, CancellationToken cancellationToken);
}
