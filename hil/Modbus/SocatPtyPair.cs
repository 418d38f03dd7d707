using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Modbus;

/// <summary>
/// A null-modem pair of pseudo terminals from <c>socat -d -d pty,raw,echo=0 pty,raw,echo=0</c>: what one end writes
/// the other reads, as over an RS-485 line. The two /dev/pts paths are parsed from socat's stderr.
/// </summary>
public sealed partial class SocatPtyPair : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _ptys = [];

    private SocatPtyPair(Process process)
    {
        _process = process;
    }

    /// <summary>The end the master opens.</summary>
    public string MasterEnd => _ptys[0];

    /// <summary>The end the slave (pymodbus) opens.</summary>
    public string SlaveEnd => _ptys[1];

    /// <summary>Starts socat (skipping or failing the test when it is absent) and waits for both ptys.</summary>
    public static async Task<SocatPtyPair> StartAsync()
    {
        string socat = Peers.Require("socat");
        var info = new ProcessStartInfo(socat) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start socat");
        var pair = new SocatPtyPair(process);
        process.ErrorDataReceived += (_, e) =>
        {
            // e.g. "2026/11/27 03:20:00 socat[123] N PTY is /dev/pts/5"
            if (e.Data is not null && PtyLine().Match(e.Data) is { Success: true } match)
            {
                lock (pair._ptys)
                {
                    pair._ptys.Add(match.Groups[1].Value);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            await Peers.Until(() => { lock (pair._ptys) { return pair._ptys.Count == 2; } }, "socat's two ptys", TimeSpan.FromSeconds(15));
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }

        return pair;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Peers.StopAsync(_process));

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyLine();
}
