using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>Logs refused and bad requests in one line each, at most <see cref="PerWindow"/> lines a minute: an
/// unauthenticated client on the LAN cannot flood the journal (the rest are counted and logged as one line).</summary>
internal sealed class RefusalLog(ILogger logger, TimeProvider time, Action<int>? counted = null)
{
    /// <summary>Lines logged one by one per window.</summary>
    public const int PerWindow = 10;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _inWindow;
    private int _suppressed;

    /// <summary>Logs (or counts) one refusal.</summary>
    public void Refused(string method, string path, string client, int status, string reason)
    {
        counted?.Invoke(status);
        var now = time.GetUtcNow();
        int suppressed = 0;
        bool log;
        lock (_gate)
        {
            if (now - _windowStart >= Window)
            {
                suppressed = _suppressed;
                _windowStart = now;
                _inWindow = 0;
                _suppressed = 0;
            }

            log = ++_inWindow <= PerWindow;
            if (!log)
            {
                _suppressed++;
            }
        }

        if (suppressed > 0)
        {
            Log.RefusedSuppressed(logger, suppressed, Window);
        }

        if (log)
        {
            // Only printable ASCII of the path, cut short: a request line is the client's text.
            string clean = new([.. path.Take(120).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
            Log.Refused(logger, method, clean, client, status, reason);
        }
    }
}
