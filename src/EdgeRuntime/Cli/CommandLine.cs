using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Cli;

/// <summary>The <c>edge-gateway</c> command line (CONTRACT.md, "Command line").</summary>
public static class CommandLine
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage:
          edge-gateway [run] [--config PATH] [--simulate]   run the service (--simulate: virtual cabinet,
                                                            embedded broker on 127.0.0.1:1883 if none configured)
          edge-gateway provision --config PATH --gateway-id ID [--site NAME] [--lat L --lon L] [--tz ZONE]
                                 [--broker HOST[:PORT]] [--tls] [--username U] [--password-file F]
                                                            write identity, site and broker into the config (mode 0600)
          edge-gateway check [--config PATH] [--simulate]   commissioning report: probe every device; exit 0 if all answer
          edge-gateway astro --lat L --lon L --tz ZONE --date YYYY-MM-DD [--days N]
                                                            sunrise, sunset, civil dawn and dusk, one JSON line a day
          edge-gateway replay --config PATH --trace DEVICE=FILE.csv [--trace …] --out FILE.jsonl [--readings]
                                                            feed field traces through the drivers and control
                                                            loops in virtual time; events (and readings) as JSON lines
          edge-gateway --help                               this text
        configuration: appsettings.json beside the binary, then --config PATH, then EdgeGateway__* environment variables
        """;

    /// <summary>Runs the verb in <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        string[] rest = verb == "run" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
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

    private static async Task<int> RunServiceAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = RunArguments.Parse(args, out string? error);
        if (parsed is null || parsed.Help)
        {
            await (parsed is null ? stderr : stdout).WriteLineAsync(parsed is null ? $"edge-gateway: {error}{Environment.NewLine}{Usage}" : Usage);
            return parsed is null ? 2 : 0;
        }

        IHost host;
        try
        {
            host = GatewayHost.Build(new GatewayLaunch { ConfigPath = parsed.ConfigPath, Simulate = parsed.Simulate });
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
