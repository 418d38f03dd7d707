using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// sd_notify(3): sends <c>WATCHDOG=1</c>, <c>STATUS=…</c> (and the like) to the socket systemd names in
/// <c>NOTIFY_SOCKET</c>. Without that variable (not under systemd) every send is a no-op.
/// </summary>
internal sealed class ServiceNotify : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly Lock _gate = new();

    /// <summary>Talks to <paramref name="socketPath"/> (an <c>@</c> prefix is the abstract namespace), or to nobody when null.</summary>
    public ServiceNotify(string? socketPath)
    {
        if (string.IsNullOrEmpty(socketPath) || OperatingSystem.IsWindows())
        {
            return;
        }

        _endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>True when systemd listens.</summary>
    public bool Enabled => _socket is not null;

    /// <summary>The watchdog period systemd asks for (<c>WATCHDOG_USEC</c>, for this process), or null when none.</summary>
    public static TimeSpan? WatchdogPeriod()
    {
        string? usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        string? pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (pid is not null && pid != Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        return long.TryParse(usec, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long us) && us > 0
            ? TimeSpan.FromMicroseconds(us)
            : null;
    }

    /// <summary>The notifier for this process (<c>NOTIFY_SOCKET</c>).</summary>
    public static ServiceNotify FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>Sends one state, e.g. <c>WATCHDOG=1</c> or <c>STATUS=running</c>; false when it could not be sent.</summary>
    public bool Send(string state)
    {
        if (_socket is null || _endpoint is null)
        {
            return false;
        }

        try
        {
            lock (_gate)
            {
                _socket.SendTo(Encoding.UTF8.GetBytes(state), _endpoint);
            }

            return true;
        }
        catch (SocketException)
        {
            // systemd restarted, or the socket is gone: the next send tries again.
            return false;
        }
    }

    /// <summary>Sends a <c>STATUS=</c> line (one line: newlines become spaces).</summary>
    public bool Status(string text) => Send("STATUS=" + text.ReplaceLineEndings(" "));

    /// <inheritdoc />
    public void Dispose() => _socket?.Dispose();
}
