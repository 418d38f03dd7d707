using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// systemd's watchdog, kept honest: every half <c>WatchdogSec</c> it looks at each loop's progress counter (the poll
/// loops, the control loops, the uplink) and sends <c>WATCHDOG=1</c> only if every one has moved within its bound;
/// a hung loop stops the pings, and systemd restarts the service. It also keeps a <c>STATUS=</c> line current.
/// </summary>
internal sealed partial class WatchdogService : BackgroundService
{
    private readonly Func<IReadOnlyList<WatchedLoop>> _loops;
    private readonly ServiceNotify _notify;
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly bool _ping;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (long Value, DateTimeOffset Changed)> _seen = [];
    private string? _lastStatus;

    /// <summary>Creates the watchdog.</summary>
    /// <param name="loops">The loops to watch, read once when it starts (after the host has made them).</param>
    /// <param name="notify">Where WATCHDOG=1 and STATUS= go.</param>
    /// <param name="time">The clock.</param>
    /// <param name="watchdog">systemd's watchdog period, or null when there is none (STATUS lines only).</param>
    /// <param name="logger">Where a stalled loop is reported.</param>
    public WatchdogService(Func<IReadOnlyList<WatchedLoop>> loops, ServiceNotify notify, TimeProvider time, TimeSpan? watchdog, ILogger<WatchdogService> logger)
    {
        _loops = loops;
        _notify = notify;
        _time = time;
        _ping = watchdog is not null;
        _period = watchdog is { } w ? w / 2 : TimeSpan.FromSeconds(10);
        _logger = logger;
    }

    /// <summary>Pings sent so far.</summary>
    public long Pings { get; private set; }

    /// <summary>The loops whose counters stood still too long at the last check.</summary>
    public IReadOnlyList<string> Stalled { get; private set; } = [];

    /// <summary>The loops a running gateway has: every <see cref="PeriodicService"/> (ticks), every Modbus bus
    /// (requests and skipped polls) and the uplink (<see cref="UplinkLoop"/>).</summary>
    public static IReadOnlyList<WatchedLoop> LoopsOf(IServiceProvider services)
    {
        var loops = new List<WatchedLoop>();
        var names = new Dictionary<string, int>();
        string Unique(string name)
        {
            int n = names[name] = names.GetValueOrDefault(name) + 1;
            return n == 1 ? name : $"{name}#{n}";
        }

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            switch (hosted)
            {
                case PeriodicService periodic:
                    loops.Add(new WatchedLoop(Unique(periodic.LoopName), () => periodic.TicksDone, MaxSilenceFor(periodic.TickPeriod)));
                    break;
                case ModbusBusService modbus:
                    loops.Add(new WatchedLoop(Unique($"modbus:{modbus.BusId}"), modbus.Progress, MaxSilenceFor(modbus.LongestInterval)));
                    break;
            }
        }

        if (services.GetService<IUplink>() is MqttUplink uplink)
        {
            var options = services.GetRequiredService<Options.GatewayOptions>().Mqtt;
            loops.Add(UplinkLoop(uplink, services.GetRequiredService<DurableLog>(), options));
        }

        return loops;
    }

    /// <summary>The uplink makes progress when it is online with nothing to send, publishes while records wait, or
    /// tries to connect again while offline (within its longest back-off and connect timeout).</summary>
    public static WatchedLoop UplinkLoop(IUplink uplink, DurableLog log, MqttBrokerOptions options)
    {
        long idle = 0;
        return new WatchedLoop("uplink", () =>
        {
            var status = uplink.Status;
            return status.State == UplinkState.Online && log.Unsent().Count == 0 ? --idle : status.Published + status.ConnectAttempts;
        }, 2 * (options.MaxReconnectDelay + options.Timeout) + TimeSpan.FromSeconds(30));
    }

    /// <summary>A periodic loop's bound: three periods, and never less than a minute (a slow bus, a loaded Pi).</summary>
    public static TimeSpan MaxSilenceFor(TimeSpan period) => period * 3 > TimeSpan.FromMinutes(1) ? period * 3 : TimeSpan.FromMinutes(1);

    /// <summary>One check: pings systemd if every loop moved within its bound; returns the stalled loops.</summary>
    public IReadOnlyList<string> Check(IReadOnlyList<WatchedLoop> loops)
    {
        var now = _time.GetUtcNow();
        var stalled = new List<string>();
        foreach (var loop in loops)
        {
            long value;
            try
            {
                value = loop.Progress();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
            {
                stalled.Add(loop.Name);
                continue;
            }

            if (!_seen.TryGetValue(loop.Name, out var seen) || seen.Value != value)
            {
                _seen[loop.Name] = (value, now);
            }
            else if (now - seen.Changed > loop.MaxSilence)
            {
                stalled.Add($"{loop.Name} silent {(now - seen.Changed).TotalSeconds:0} s");
            }
        }

        if (stalled.Count == 0)
        {
            if (_ping && _notify.Send("WATCHDOG=1"))
            {
                Pings++;
            }

            SetStatus($"running: {loops.Count} loops making progress");
        }
        else
        {
            if (Stalled.Count == 0)
            {
                LogStalled(_logger, string.Join(", ", stalled));
            }

            SetStatus($"stalled: {string.Join(", ", stalled)}; watchdog pings withheld");
        }

        Stalled = stalled;
        return stalled;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read the loops once the host has started every hosted service.
        await Task.Yield();
        var loops = _loops();
        using var timer = new PeriodicTimer(_period, _time);
        try
        {
            do
            {
                Check(loops);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _notify.Status("stopping");
        }
    }

    private void SetStatus(string status)
    {
        if (status != _lastStatus && _notify.Status(status))
        {
            _lastStatus = status;
        }
    }

    [LoggerMessage(1100, LogLevel.Warning, "Watchdog: {Stalled}; no more WATCHDOG=1 until they move (systemd restarts the service after WatchdogSec)")]
    private static partial void LogStalled(ILogger logger, string stalled);
}
