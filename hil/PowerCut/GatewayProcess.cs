using System.Diagnostics;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.PowerCut;

/// <summary>The real <c>edge-gateway run --simulate</c> as a separate process, so that it can die as a cabinet does:
/// at once, with nothing flushed (SIGKILL).</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TestLogCollector _testLog = TestLog.Current; // the test that started it: its error lines fail it
    private readonly HashSet<LoggedLine> _afterCut = new(ReferenceEqualityComparer.Instance);
    private volatile bool _cut;

    private GatewayProcess(Process process)
    {
        // What it logs between the cut of its disk and its death (the recorder meeting EIO, the host stopping) is what
        // the test provokes; everything before fails the test.
        _testLog.ExpectErrors(e => { lock (_afterCut) { return _afterCut.Contains(e); } });
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Lines the gateway wrote, for a failing test's message.</summary>
    public IReadOnlyList<string> Output { get { lock (_output) { return [.. _output]; } } }

    /// <summary>True once it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the virtual cabinet with <paramref name="settings"/> as environment overrides.</summary>
    public static GatewayProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "edge-gateway.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet, [dll, "run", "--simulate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in settings)
        {
            info.Environment["EdgeGateway__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new GatewayProcess(Process.Start(info) ?? throw new InvalidOperationException("edge-gateway did not start"));
    }

    /// <summary>Says that its disk is about to die under it (the power-cut disk answers EIO from the cut until the kill
    /// lands): the error lines it writes from now on are expected.</summary>
    public void DiskCut() => _cut = true;

    /// <summary>Kills it at once (SIGKILL), as a power cut does.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Stops it as systemd would (SIGTERM) and waits for its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Peers.StopAsync(_process);

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
                var parsed = TestLog.ParseConsoleLine(line);
                if (_cut)
                {
                    lock (_afterCut)
                    {
                        _afterCut.Add(parsed);
                    }
                }

                _testLog.Add(parsed);
            }
        }
    }
}
