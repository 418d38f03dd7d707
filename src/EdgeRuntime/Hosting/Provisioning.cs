using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// First boot: a gateway without a configuration file, or whose file has no <c>EdgeGateway:GatewayId</c>, is not
/// provisioned. The service then says so in one line, tells systemd it is up (<c>READY=1</c>, a <c>STATUS=</c> line,
/// watchdog pings) and waits for <c>edge-gateway provision</c> to write the file, instead of exiting and being
/// restarted every few seconds for ever.
/// </summary>
internal static class Provisioning
{
    /// <summary>How often the waiting service looks at the file again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The line the service prints (and sets as its STATUS) while it waits.</summary>
    public static string WaitingLine(GatewayLaunch launch) =>
        $"not provisioned: {launch.ConfigPath ?? "the configuration"} has no EdgeGateway:GatewayId; waiting for "
        + "'edge-gateway provision' (or edge-gateway.json on the boot partition, applied at the next start)";

    /// <summary>False when the configuration names no gateway id (or its file does not exist); true otherwise,
    /// including when it does not parse (the service then reports that as the configuration error it is).</summary>
    public static bool IsProvisioned(GatewayLaunch launch)
    {
        if (launch.Simulate)
        {
            return true;
        }

        if (launch.ConfigPath is not null && !File.Exists(launch.ConfigPath))
        {
            return false;
        }

        try
        {
            var builder = new ConfigurationBuilder();
            GatewayConfiguration.AddSources(builder, launch);
            return !string.IsNullOrWhiteSpace(builder.Build()[$"{Options.GatewayOptions.Section}:GatewayId"]);
        }
        catch (Exception ex) when (ex is GatewayConfigException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Where the page listens: <c>EdgeGateway:Web:Urls</c> where the sources name it, else the default.</summary>
    private static string WebUrls(GatewayLaunch launch)
    {
        try
        {
            var builder = new ConfigurationBuilder();
            GatewayConfiguration.AddSources(builder, launch);
            return builder.Build()[$"{Options.GatewayOptions.Section}:Web:Urls"] is { Length: > 0 } urls ? urls : Options.WebOptions.DefaultUrls;
        }
        catch (Exception ex) when (ex is GatewayConfigException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Options.WebOptions.DefaultUrls;
        }
    }

    /// <summary>Waits until the gateway is provisioned (true) or <paramref name="stop"/> is cancelled (false).</summary>
    public static async Task<bool> WaitAsync(GatewayLaunch launch, ServiceNotify notify, TimeProvider time, TextWriter log, CancellationToken stop)
    {
        string line = WaitingLine(launch);
        await log.WriteLineAsync($"edge-gateway: {line}");
        notify.Send("READY=1");
        notify.Status(line);
        bool watchdog = ServiceNotify.WatchdogPeriod() is not null;

        // The technician's laptop on the cabinet LAN sees why nothing else answers yet.
        await using var page = await Web.NotProvisionedPage.TryStartAsync(WebUrls(launch), line, log, stop);
        try
        {
            while (!IsProvisioned(launch))
            {
                if (watchdog)
                {
                    notify.Send("WATCHDOG=1");
                }

                await Task.Delay(PollInterval, time, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            notify.Send("STOPPING=1");
            return false;
        }

        await log.WriteLineAsync("edge-gateway: provisioned; starting");
        notify.Status("provisioned; starting");
        return true;
    }
}
