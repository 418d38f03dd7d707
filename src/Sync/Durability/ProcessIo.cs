using System.Globalization;

namespace EdgeGateway.Sync.Durability;

/// <summary>What this process has written to the storage layer (<c>write_bytes</c> of <c>/proc/self/io</c>: bytes
/// sent to the block device, the SD card's wear), or null where the kernel does not say.</summary>
public static class ProcessIo
{
    /// <summary>Bytes this process caused to be written to storage since it started.</summary>
    public static long? WriteBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(12).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
                {
                    return bytes;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or a kernel without task I/O accounting.
        }

        return null;
    }
}
