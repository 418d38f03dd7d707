using EdgeGateway.Contracts;

namespace EdgeGateway.Drivers.Polling;

/// <summary>A device a bus poller reads on its own schedule. Implementations never throw from
/// <see cref="Poll"/>: a failed read yields <see cref="Quality.Bad"/> readings that carry the last good value.</summary>
public interface IPolledDevice : Devices.IDevice
{
    /// <summary>How often the device is read.</summary>
    TimeSpan Interval { get; }

    /// <summary>The points the device produces.</summary>
    IReadOnlyList<PointInfo> Points { get; }

    /// <summary>Health of the device so far.</summary>
    DeviceHealth Health { get; }

    /// <summary>Reads the device once and appends its readings, stamped <paramref name="now"/>.</summary>
    void Poll(DateTimeOffset now, ICollection<Reading> readings);
}
