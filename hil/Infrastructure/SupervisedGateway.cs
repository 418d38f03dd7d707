using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hil.Infrastructure;

/// <summary>The whole gateway run from a configuration file as systemd runs it (<c>Restart=always</c>): whenever the
/// service stops by itself (config.set's clean restart, a roll-back), it is built again from the file.</summary>
public sealed class SupervisedGateway : IAsyncDisposable
{
    private readonly GatewayLaunch _launch;
    private readonly TestLogCollector _testLog = TestLog.Current; // built in the test; each restart logs into it too
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstStart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IHost? _host;
    private Task _loop = Task.CompletedTask;
    private int _starts;

    private SupervisedGateway(string configPath) =>
        _launch = new GatewayLaunch { ConfigPath = configPath, Simulate = true, UseDefaultSources = false };

    /// <summary>How many times the service has started.</summary>
    public int Starts => _starts;

    /// <summary>The running instance's uplink (a stopped one's between restarts).</summary>
    public IUplink Uplink => Services.GetRequiredService<IUplink>();

    /// <summary>The running instance's services.</summary>
    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("not started")).Services;

    /// <summary>Writes <paramref name="settings"/> (keys like <c>EdgeGateway:Mqtt:Port</c>) as a JSON configuration file.</summary>
    public static void WriteConfig(string path, IReadOnlyDictionary<string, string?> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        File.WriteAllText(path, root.ToJsonString());
    }

    /// <summary>Starts the supervised service on <paramref name="configPath"/>.</summary>
    public static async Task<SupervisedGateway> StartAsync(string configPath)
    {
        var gateway = new SupervisedGateway(configPath);
        gateway._loop = Task.Run(gateway.SuperviseAsync);
        await gateway._firstStart.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return gateway;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SuperviseAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var host = GatewayHost.Build(_launch);
                host.Services.GetRequiredService<ILoggerFactory>().AddProvider(TestLog.Provider(_testLog));
                await host.StartAsync();
                _host = host;
                Interlocked.Increment(ref _starts);
                _firstStart.TrySetResult();
                var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, _stop.Token);
                try
                {
                    await Task.Delay(Timeout.Infinite, either.Token);
                }
                catch (OperationCanceledException)
                {
                    // The service asked to stop (a restart), or the test is over.
                }

                await host.StopAsync();
                host.Dispose();
            }
        }
        catch (Exception ex)
        {
            _firstStart.TrySetException(ex);
            throw;
        }
    }
}
