using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Log;

/// <summary>Log entries of a known stored size: DurableLog counts 64 + 2 × (body + tag) characters.</summary>
internal static class Entries
{
    /// <summary>Size in bytes of every entry made here (body 8 UTF-8 bytes, empty tag): LogBudget's 192 + 8.</summary>
    public const int Size = 200;

    public static LogEntry Telemetry(int n) => Make(RecordKind.Telemetry, n);

    public static LogEntry Event(int n) => Make(RecordKind.Event, n);

    public static LogEntry Make(RecordKind kind, int n) =>
        new(kind, SignallingTimeProvider.Origin.AddSeconds(n), Body(n), "");

    private static string Body(int n)
    {
        // A fixed-length body so the byte budget arithmetic in the prune tests is exact.
        string body = $"\"n\":{n}";
        return body + new string(' ', 8 - body.Length);
    }
}
