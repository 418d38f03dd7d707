using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Cli;

/// <summary>The <c>edge-gateway</c> command line (CONTRACT.md, "Command line").</summary>
internal static class CommandLine
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage:
          edge-gateway [run] [--config PATH] [--simulate]   run the service (--simulate: virtual cabinet,
                                                            embedded broker on 127.0.0.1:1883 if none configured)
          edge-gateway provision --config PATH --gateway-id ID [--site NAME] [--lat L --lon L] [--tz ZONE]
                                 [--broker HOST[:PORT]] [--tls] [--username U] [--password-file F]
                                 [--technician-password-file F] [--apply-boot-file F]
                                                            write identity, site, broker and passwords into the
                                                            config (root:edge-gateway 0640)
          edge-gateway check [--config PATH] [--simulate] [--json]
                                                            commissioning report: clock, every device, the broker
                                                            (a real MQTT CONNECT); exit 0 only if all pass
          edge-gateway astro --lat L --lon L --tz ZONE --date YYYY-MM-DD [--days N]
                                                            sunrise, sunset, civil dawn and dusk, one JSON line a day
          edge-gateway replay --config PATH --trace DEVICE=FILE.csv [--trace …] --out FILE.jsonl [--readings]
                                                            feed field traces through the drivers and control
                                                            loops in virtual time; events (and readings) as JSON lines
          edge-gateway VERB --help                          one verb's options
          edge-gateway --version                            the version
        configuration: appsettings.json beside the binary, then --config PATH, then EdgeGateway__* environment variables
        """;

    /// <summary>Usage of <c>run</c>.</summary>
    public const string RunUsage = """
        usage: edge-gateway [run] [--config PATH] [--simulate]
          --config PATH   the configuration file (the package's unit: /etc/edge-gateway/config.json); without a
                          gateway id in it the service waits, saying so, until it is provisioned
          --simulate      the virtual cabinet, with an embedded broker on 127.0.0.1:1883 if none is configured
        """;

    /// <summary>Runs the verb in <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--version" or "version"])
        {
            await stdout.WriteLineAsync($"edge-gateway {GatewayClock.Version}");
            return 0;
        }

        string verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        string[] rest = verb == "run" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        if (args is ["--help" or "-h"])
        {
            verb = "help";
        }
        else if (rest.Any(a => a is "--help" or "-h") && VerbUsage(verb) is { } usage)
        {
            await stdout.WriteLineAsync(usage);
            return 0;
        }

        switch (verb)
        {
            case "run":
                return await RunServiceAsync(rest, stdout, stderr);
            case "provision":
                return ProvisionVerb.Run(rest, stdout, stderr);
            case "check":
                return await CheckVerb.RunAsync(rest, stdout, stderr);
            case "astro":
                return AstroVerb.Run(rest, stdout, stderr);
            case "replay":
                return await ReplayVerb.RunAsync(rest, stdout, stderr);
            case "help":
                await stdout.WriteLineAsync(Usage);
                return 0;
            default:
                await stderr.WriteLineAsync($"edge-gateway: unknown verb '{verb}'{Environment.NewLine}{Usage}");
                return 2;
        }
    }

    private static string? VerbUsage(string verb) => verb switch
    {
        "run" => RunUsage,
        "provision" => ProvisionVerb.Usage,
        "check" => CheckVerb.Usage,
        "astro" => AstroVerb.Usage,
        "replay" => "usage:" + Environment.NewLine + ReplayVerb.Usage,
        _ => null,
    };

    private static async Task<int> RunServiceAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = RunArguments.Parse(args, out string? error);
        if (parsed is null || parsed.Help)
        {
            await (parsed is null ? stderr : stdout).WriteLineAsync(parsed is null ? $"edge-gateway: {error}{Environment.NewLine}{Usage}" : Usage);
            return parsed is null ? 2 : 0;
        }

        var launch = new GatewayLaunch { ConfigPath = parsed.ConfigPath, Simulate = parsed.Simulate };
        if (!Provisioning.IsProvisioned(launch))
        {
            using var stop = new CancellationTokenSource();
            void Stop(System.Runtime.InteropServices.PosixSignalContext c)
            {
                c.Cancel = true;
                stop.Cancel();
            }

            using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
            using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
            using var notify = ServiceNotify.FromEnvironment();
            if (!await Provisioning.WaitAsync(launch, notify, TimeProvider.System, stderr, stop.Token))
            {
                return 0;
            }
        }

        IHost host;
        try
        {
            host = GatewayHost.Build(launch);
        }
        catch (GatewayConfigException ex)
        {
            await stderr.WriteLineAsync($"edge-gateway: {ex.Message}");
            return 2;
        }

        using (host)
        {
            await host.RunAsync();
        }

        return 0;
    }
}
