namespace EdgeGateway.Sync.Uplink;

/// <summary>How commands are taken (<c>EdgeGateway:Commands</c>).</summary>
public sealed class CommandOptions
{
    /// <summary>A request whose <c>ts</c> is older than this is answered <c>expired</c> and not run.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests waiting to run; one more is answered <c>unavailable</c> at once.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>How long shutdown lets queued commands finish before it answers the rest <c>unavailable</c>.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
