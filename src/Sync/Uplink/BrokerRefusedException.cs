namespace EdgeGateway.Sync.Uplink;

/// <summary>The broker answered and said no (a CONNACK or PUBACK reason code), as opposed to a network failure.</summary>
public sealed class BrokerRefusedException(string reasonCode, string message) : IOException(message)
{
    /// <summary>The broker's reason code, e.g. <c>NotAuthorized</c>, <c>ServerBusy</c>, <c>QuotaExceeded</c>.</summary>
    public string ReasonCode { get; } = reasonCode;
}
