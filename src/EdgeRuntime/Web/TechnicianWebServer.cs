using EdgeGateway.Runtime.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// Serves the technician page: a Kestrel <see cref="WebApplication"/> of its own, started and stopped with the
/// gateway's host, reading and commanding the host's singletons through <see cref="GatewayView"/>. A port that is
/// taken is logged once as an error naming <c>EdgeGateway:Web:Urls</c> and retried: the street's lighting and alarms
/// must not stop (nor crash-loop under systemd) because something else holds port 8080.
/// </summary>
internal sealed class TechnicianWebServer(WebOptions options, TechnicianPage page, ILoggerFactory loggers, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);
    private readonly ILogger _logger = loggers.CreateLogger<TechnicianWebServer>();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private Task _retry = Task.CompletedTask;

    /// <summary>The addresses Kestrel listens on (with the real port when configured with port 0); empty until it does.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>Why the last start failed, if it did.</summary>
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryStartAsync(cancellationToken))
        {
            _retry = RetryAsync(_stopping.Token);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Also ends the live streams, which Kestrel would otherwise wait for.
        await _stopping.CancelAsync();
        await _retry;
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        _stopping.Dispose();
        page.Dispose();
    }

    private async Task<bool> TryStartAsync(CancellationToken cancellationToken)
    {
        var app = Build();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            // Kestrel reports "address already in use" as IOException; an address this machine does not have (yet: the
            // interface is not up at boot) or a port below 1024 without the right comes as SocketException. Either way
            // the page waits and retries; the street never stops for it.
            await app.DisposeAsync();
            if (LastError is null)
            {
                Log.CannotListen(_logger, options.Urls, ex.Message, RetryEvery);
            }

            LastError = ex.Message;
            return false;
        }

        _app = app;
        Addresses = [.. app.Urls];
        LastError = null;
        Log.Listening(_logger, string.Join(", ", Addresses), page.Logins.Enabled);
        return true;
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        try
        {
            do
            {
                await Task.Delay(RetryEvery, time, stopping);
            }
            while (!await TryStartAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 16 * 1024;
        });
        builder.Services.AddRoutingCore();

        // The gateway's logging, and no console lifetime of its own: the gateway's host owns SIGTERM and Ctrl+C.
        builder.Services.AddSingleton<ILoggerFactory>(new PageLoggerFactory(loggers));
        builder.Services.AddSingleton<IHostLifetime, HostOwnedLifetime>();
        var app = builder.Build();
        foreach (string url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            app.Urls.Add(url);
        }

        app.Use(page.Guard.InvokeAsync);
        TechnicianEndpoints.Map(app, page, _stopping.Token);
        return app;
    }

    /// <summary>The page's lifetime is the gateway host's: nothing to wait for, no signal handlers.</summary>
    private sealed class HostOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
