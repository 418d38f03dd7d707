using System.Runtime.InteropServices;

namespace EdgeGateway.Sync.Durability;

/// <summary>
/// Writes a small file so that a power cut at any moment leaves either the old content or the new, never a mix:
/// a temp file in the same folder, written and fsync'ed, renamed over the target, then the folder fsync'ed so
/// the rename itself is on the disk (POSIX rename(2) is atomic; the folder's fsync makes it durable).
/// </summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/>, durably.</summary>
    /// <param name="path">The file to replace (its folder must exist).</param>
    /// <param name="content">The whole new content.</param>
    /// <param name="mode">The Unix mode the file is created with (default 0644); ignored on Windows.</param>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        var unixMode = mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (!OperatingSystem.IsWindows())
        {
            // Created with its final mode from the first byte: a secret is never readable by others, not even briefly.
            options.UnixCreateMode = unixMode;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is masked by the umask, and an old temp file keeps its mode: set it exactly.
            File.SetUnixFileMode(temp, unixMode);
        }

        File.Move(temp, full, overwrite: true);
        SyncFolder(Path.GetDirectoryName(full)!);
    }

    /// <summary>Flushes a folder's entries (a new, renamed or removed file in it) to the disk. A no-op on Windows.</summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of folder {folder} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Flushes an existing file's data to the disk through a handle of its own (fsync flushes the file,
    /// whichever descriptor wrote it). Returns false when the file does not exist.</summary>
    public static bool SyncFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(handle);
        return true;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
