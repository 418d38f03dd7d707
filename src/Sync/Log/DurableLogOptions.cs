namespace EdgeGateway.Sync.Log;

/// <summary>Where the log lives and how much of the SD card it may use.</summary>
public sealed class DurableLogOptions
{
    /// <summary>Path of the LiteDB file.</summary>
    public string Path { get; set; } = "/var/lib/edge-gateway/log.db";

    /// <summary>Byte budget for records. Sent records are pruned first; unsent telemetry only when the
    /// budget is still exceeded, oldest first; events last.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}
