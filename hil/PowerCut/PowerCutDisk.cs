using System.Diagnostics;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.PowerCut;

/// <summary>
/// A folder behind <c>powercut_disk.py</c> (FUSE): writes reach the backing folder only when fsync'ed, and
/// <see cref="Cut"/> forgets every one that was not, as an SD card does when the cabinet loses its supply.
/// </summary>
public sealed class PowerCutDisk : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _fusermount;
    private Process? _process;

    /// <summary>Prepares the backing folder and the mount point; <see cref="MountAsync"/> mounts.</summary>
    public PowerCutDisk()
    {
        _fusermount = Peers.Require("fusermount3");
        bool fusepy = File.Exists(Python) && RunQuiet(Python, "-c \"import fusepy\"");
        if (!fusepy || !File.Exists("/dev/fuse"))
        {
            string message = "the power-cut disk needs /dev/fuse and Debian's python3-fusepy";
            if (Peers.Required)
            {
                throw new InvalidOperationException($"EDGE_REQUIRE_PEERS=1 but {message}");
            }

            Skip.If(true, message);
        }

        string root = Directory.CreateTempSubdirectory("hil-powercut-").FullName;
        Backing = Path.Combine(root, "card");
        MountPoint = Path.Combine(root, "mnt");
        Directory.CreateDirectory(Backing);
        Directory.CreateDirectory(MountPoint);
    }

    /// <summary>What the card holds (read it only while unmounted).</summary>
    public string Backing { get; }

    /// <summary>Where the program under test writes.</summary>
    public string MountPoint { get; }

    /// <summary>Power cuts so far.</summary>
    public int Cuts { get; private set; }

    /// <summary>Mounts the card and waits until the mount answers.</summary>
    public async Task MountAsync()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "PowerCut", "powercut_disk.py");
        _process = Process.Start(new ProcessStartInfo(Python, [script, Backing, MountPoint])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("powercut_disk.py did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "ready")
            {
                return;
            }
        }

        throw new InvalidOperationException("powercut_disk.py exited before it was mounted");
    }

    /// <summary>Cuts the power: every write not yet fsync'ed is forgotten and the disk answers EIO from now on.</summary>
    public void Cut()
    {
        try
        {
            using (File.Create(Path.Combine(MountPoint, ".powercut")))
            {
            }

            throw new InvalidOperationException("the power-cut disk did not cut");
        }
        catch (IOException)
        {
            // EIO: the cut happened.
            Cuts++;
        }
    }

    /// <summary>Unmounts (lazily: the dead program may still hold files) and ends the disk's process.</summary>
    public async Task UnmountAsync()
    {
        using (var unmount = Process.Start(new ProcessStartInfo(_fusermount, ["-u", "-z", MountPoint]) { RedirectStandardError = true })!)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await unmount.WaitForExitAsync(timeout.Token);
        }

        if (_process is not null)
        {
            await Peers.StopAsync(_process);
            _process = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await UnmountAsync();
        }

        try
        {
            Directory.Delete(Path.GetDirectoryName(Backing)!, recursive: true);
        }
        catch (IOException)
        {
            // A lazily unmounted folder may linger a moment; it is in the temp folder either way.
        }
    }

    private static bool RunQuiet(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true });
        p!.WaitForExit(20_000);
        return p.HasExited && p.ExitCode == 0;
    }
}
