using System.Diagnostics;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Replay;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Cli;

/// <summary>
/// <c>edge-gateway replay --config PATH --trace DEVICE=FILE.csv … --out FILE.jsonl [--readings]</c> (CONTRACT.md):
/// feeds recorded traces to the named devices in virtual time, as fast as it can, through the service's
/// drivers and loops. Exit 0 on success, 2 on a bad argument, configuration or trace file.
/// </summary>
internal static class ReplayVerb
{
    /// <summary>Usage lines of the verb.</summary>
    public const string Usage = """
          edge-gateway replay --config PATH --trace DEVICE=FILE.csv [--trace …] --out FILE.jsonl [--readings]
                                                            feed field traces through the drivers and control
                                                            loops in virtual time; events (and readings) as JSON lines
        """;

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? config = null, output = null;
        bool readings = false;
        var traces = new List<(string Device, string Path)>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--trace" when i + 1 < args.Length && args[i + 1].IndexOf('=', StringComparison.Ordinal) > 0:
                    string spec = args[++i];
                    int eq = spec.IndexOf('=', StringComparison.Ordinal);
                    traces.Add((spec[..eq], spec[(eq + 1)..]));
                    break;
                case "--readings":
                    readings = true;
                    break;
                case "--help" or "-h":
                    await stdout.WriteLineAsync("usage:" + Environment.NewLine + Usage);
                    return 0;
                default:
                    return await Fail(stderr, $"unknown or incomplete argument '{args[i]}' (--trace takes DEVICE=FILE.csv)");
            }
        }

        if (config is null || output is null || traces.Count == 0)
        {
            return await Fail(stderr, "replay needs --config PATH, at least one --trace DEVICE=FILE.csv and --out FILE.jsonl");
        }

        try
        {
            var launch = new GatewayLaunch { ConfigPath = config, UseDefaultSources = false };
            var builder = new ConfigurationBuilder();
            GatewayConfiguration.AddSources(builder, launch);
            var options = GatewayConfiguration.Load(builder.Build(), launch);
            var files = traces.Select(t => TraceFile.Load(t.Device, t.Path)).ToList();
            ReplayRunner.Check(options, files);

            var watch = Stopwatch.StartNew();
            await using var writer = new StreamWriter(output) { AutoFlush = false };
            var recorder = new JsonlRecorder(writer, readings);
            using var runner = new ReplayRunner(options, recorder);
            int steps = runner.Run(files);
            await writer.FlushAsync();
            await stdout.WriteLineAsync(
                $"replay: {files.Sum(f => f.Rows.Count)} rows in {steps} steps, {recorder.Events} events, {recorder.Readings} readings -> {output} ({watch.Elapsed.TotalSeconds:F1} s)");
            return 0;
        }
        catch (GatewayConfigException ex)
        {
            return await Fail(stderr, ex.Message);
        }
        catch (TraceException ex)
        {
            return await Fail(stderr, ex.Message);
        }
        catch (IOException ex)
        {
            return await Fail(stderr, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return await Fail(stderr, ex.Message);
        }
    }

    private static async Task<int> Fail(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"edge-gateway replay: {message}");
        return 2;
    }
}
