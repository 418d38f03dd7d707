namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// A loop the watchdog watches: <paramref name="Progress"/> is a counter that moves while the loop makes progress
/// (ticks done, requests made, records published); if it stands still longer than <paramref name="MaxSilence"/>
/// the loop is stalled and the service stops telling systemd it is alive.
/// </summary>
/// <param name="Name">The loop's name in STATUS lines and the log.</param>
/// <param name="Progress">Reads the counter.</param>
/// <param name="MaxSilence">How long the counter may stand still.</param>
internal sealed record WatchedLoop(string Name, Func<long> Progress, TimeSpan MaxSilence);
