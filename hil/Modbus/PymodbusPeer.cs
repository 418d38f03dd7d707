using System.Diagnostics;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Modbus;

/// <summary>
/// Runs <c>hil/pymodbus_server.py</c> under Debian's <c>/usr/bin/python3</c> (pymodbus 3.0.0rc1) and talks to its
/// stdin control channel. Every wait is bounded; the process is killed on dispose.
/// </summary>
public sealed class PymodbusPeer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private PymodbusPeer(Process process)
    {
        _process = process;
    }

    /// <summary>Skips (or fails under EDGE_REQUIRE_PEERS=1) when /usr/bin/python3 has no pymodbus.</summary>
    public static void Require()
    {
        bool present = File.Exists(Python) && RunQuiet(Python, "-c \"import pymodbus.server\"");
        string message = $"{Python} has no pymodbus (apt-get install python3-pymodbus)";
        if (!present && Peers.Required)
        {
            throw new InvalidOperationException($"EDGE_REQUIRE_PEERS=1 but {message}");
        }

        Skip.IfNot(present, message);
    }

    /// <summary>Starts the server with <paramref name="arguments"/> (e.g. <c>--tcp 5020</c>) on <paramref name="layoutPath"/>
    /// (default: the shipped layout) and waits for "ready".</summary>
    public static async Task<PymodbusPeer> StartAsync(string arguments, string? layoutPath = null)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Locate("pymodbus_server.py"));
        foreach (string argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(layoutPath ?? Locate(Path.Combine("Modbus", "pymodbus-layout.json")));
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        var peer = new PymodbusPeer(process);
        process.OutputDataReceived += (_, e) => peer.Append(peer._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(peer._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Peers.Until(() => peer.Saw("ready") || process.HasExited, "pymodbus server ready", StartTimeout);
            if (process.HasExited)
            {
                throw new InvalidOperationException($"pymodbus server exited ({process.ExitCode}): {peer.Errors}");
            }
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    /// <summary>What the server wrote to stderr so far (for failure messages).</summary>
    public string Errors
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr.TakeLast(30));
            }
        }
    }

    /// <summary>Makes a unit stop answering, and waits for the server to confirm.</summary>
    public Task KillUnitAsync(byte unit) => CommandAsync($"kill {unit}", $"killed {unit}");

    /// <summary>Makes a killed unit answer again.</summary>
    public Task ReviveUnitAsync(byte unit) => CommandAsync($"revive {unit}", $"revived {unit}");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Peers.StopAsync(_process));

    /// <summary>Finds a file copied beside the tests, or in the source tree above them.</summary>
    internal static string Locate(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, relative), Path.Combine(dir.FullName, "hil", relative) })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static bool RunQuiet(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process?.Kill();
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private async Task CommandAsync(string command, string acknowledgement)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        await Peers.Until(() => Saw(acknowledgement), $"pymodbus acknowledges '{command}'", TimeSpan.FromSeconds(10));
    }

    private bool Saw(string line)
    {
        lock (_stdout)
        {
            return _stdout.Contains(line);
        }
    }

    private void Append(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }
}
