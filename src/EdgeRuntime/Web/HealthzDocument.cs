using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Json;

namespace EdgeGateway.Runtime.Web;

/// <summary><c>GET /healthz</c> for the supervisor: healthy when every loop runs (not ended, ticked within three
/// periods) and the durable log answers; otherwise the list of why not.</summary>
internal static class HealthzDocument
{
    // A loop may be late by this much besides three periods before it counts as stuck (a loaded Pi, a GC pause).
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    /// <summary>The document and whether the gateway is healthy.</summary>
    public static (bool Healthy, JsonObject Body) Build(GatewayView view)
    {
        var now = view.Time.GetUtcNow();
        var problems = new JsonArray();
        var loops = new JsonArray();
        foreach (var loop in view.Loops())
        {
            string name = loop.GetType().Name;
            string? problem = null;
            if (loop.ExecuteTask is { IsCompleted: true } ended)
            {
                problem = ended.IsFaulted ? $"{name} stopped: {ended.Exception?.InnerException?.Message}" : $"{name} has ended";
            }
            else if (loop is PeriodicService p)
            {
                var started = now - view.Clock.Uptime;
                var last = p.LastTick ?? started;
                if (now - last > (3 * p.TickPeriod) + Slack)
                {
                    problem = $"{name} has not ticked since {Iso8601.Format(last)} (every {p.TickPeriod.TotalSeconds:0.###} s)";
                }
            }

            loops.Add(new JsonObject
            {
                ["loop"] = name,
                ["ok"] = problem is null,
                ["lastTick"] = loop is PeriodicService ps && ps.LastTick is { } t ? Iso8601.Format(t) : null,
            });
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        var log = new JsonObject();
        try
        {
            var (unsent, _) = view.Log.Unsent();
            log["ok"] = true;
            log["unsent"] = unsent;
            log["bytes"] = view.Log.TotalBytes;
        }
        catch (Exception ex) when (ex is IOException or LiteDB.LiteException or ObjectDisposedException or InvalidOperationException)
        {
            log["ok"] = false;
            problems.Add($"durable log does not answer: {ex.Message}");
        }

        bool healthy = problems.Count == 0;
        return (healthy, new JsonObject
        {
            ["status"] = healthy ? "ok" : "failing",
            ["ts"] = Iso8601.Format(now),
            ["problems"] = problems,
            ["loops"] = loops,
            ["log"] = log,
        });
    }
}
