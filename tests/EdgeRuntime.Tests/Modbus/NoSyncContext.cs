namespace EdgeGateway.Runtime.Tests.Modbus;

/// <summary>
/// Steps a fake clock without xUnit's SynchronizationContext: the runtime runs a ConfigureAwait(false) continuation
/// inline on the thread that completes its task only when that thread has no SynchronizationContext, so a poll that
/// waits on the fake clock finishes inside Advance, with no wall-clock waiting.
/// </summary>
internal sealed class NoSyncContext : IDisposable
{
    private readonly SynchronizationContext? _previous = SynchronizationContext.Current;

    private NoSyncContext() => SynchronizationContext.SetSynchronizationContext(null);

    public static NoSyncContext Enter() => new();

    public void Dispose() => SynchronizationContext.SetSynchronizationContext(_previous);
}
