using System.Diagnostics;
using System.Net.Sockets;

namespace EdgeGateway.Hil.Infrastructure;

/// <summary>A real Mosquitto on a free loopback port, with persistence so sessions survive a restart.</summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _folder;
    private Process? _process;

    /// <summary>Prepares a broker; <see cref="StartAsync"/> runs it.</summary>
    /// <param name="extraListeners">Configuration appended after the plain listener (more listeners, e.g. TLS ones);
    /// with it, settings are per listener (<c>per_listener_settings true</c>).</param>
    public MosquittoBroker(string? extraListeners = null)
    {
        _binary = Peers.Require("mosquitto");
        Port = Peers.FreePort();
        _folder = Directory.CreateTempSubdirectory("hil-mosquitto-").FullName;
        File.WriteAllText(ConfigPath, $"""
            per_listener_settings {(extraListeners is null ? "false" : "true")}
            user {Environment.UserName}
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {_folder}/
            max_queued_messages 100000
            log_dest file {_folder}/mosquitto.log
            {extraListeners}
            """);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The broker's log (what it said about refused clients).</summary>
    public string LogText => File.Exists(Path.Combine(_folder, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_folder, "mosquitto.log")) : "";

    private string ConfigPath => Path.Combine(_folder, "mosquitto.conf");

    /// <summary>Starts the broker and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(_binary, ["-c", ConfigPath]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start");
        await Peers.Until(Accepts, $"mosquitto listening on {Port}", TimeSpan.FromSeconds(20));
    }

    /// <summary>Makes it read its configuration files again (SIGHUP: an edited ACL file, for instance).</summary>
    public async Task ReloadAsync()
    {
        using var hup = Process.Start("kill", ["-HUP", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await hup!.WaitForExitAsync();
    }

    /// <summary>Stops it gracefully (SIGTERM: it saves its sessions and queues to disk).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await Peers.StopAsync(_process);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
