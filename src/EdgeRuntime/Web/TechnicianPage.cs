using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>Everything one technician page keeps besides the gateway's singletons: logins, the log's history for events
/// and charts, the drain meter, the in-memory log tail, the tools, the metrics and the request guard's refusal log.</summary>
internal sealed class TechnicianPage : IDisposable
{
    /// <summary>Creates the page over <paramref name="view"/>; <paramref name="ring"/> is already a provider of the gateway's loggers.</summary>
    public TechnicianPage(GatewayView view, PageLogins logins, LogRing ring, ILoggerFactory loggers)
    {
        View = view;
        Logins = logins;
        Ring = ring;
        History = new LogHistory(view.Log, view.Points);
        Tools = new TechnicianTools(view, ring, History);
        Metrics = new GatewayMetrics(view);
        Logger = loggers.CreateLogger<TechnicianWebServer>();
        Refusals = new RefusalLog(Logger, view.Time, Metrics.Refused);
        Guard = new RequestGuard(RequestGuard.DefaultHosts(view.Options.Web.AllowedHosts), Refusals, Logger);
    }

    /// <summary>The gateway's singletons.</summary>
    public GatewayView View { get; }

    /// <summary>Logins and the session cookie tokens.</summary>
    public PageLogins Logins { get; }

    /// <summary>The last log lines.</summary>
    public LogRing Ring { get; }

    /// <summary>Events and chart series from the durable log.</summary>
    public LogHistory History { get; }

    /// <summary>The backlog's drain.</summary>
    public DrainMeter Drain { get; } = new();

    /// <summary>Lamp test, register reader, I2C scan, log tail, bundle.</summary>
    public TechnicianTools Tools { get; }

    /// <summary>The instruments behind <c>/metrics</c>.</summary>
    public GatewayMetrics Metrics { get; }

    /// <summary>Refused requests, one line each, rate-limited.</summary>
    public RefusalLog Refusals { get; }

    /// <summary>Headers, Host and Origin checks, bad requests.</summary>
    public RequestGuard Guard { get; }

    /// <summary>Live streams open now.</summary>
    public System.Runtime.CompilerServices.StrongBox<int> LiveClients { get; } = new();

    /// <summary>The page's logger.</summary>
    public ILogger Logger { get; }

    /// <inheritdoc />
    public void Dispose() => Metrics.Dispose();
}
