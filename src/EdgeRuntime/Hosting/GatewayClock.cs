using System.Reflection;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>The gateway's time source, start instant and identity of this boot.</summary>
internal sealed class GatewayClock(TimeProvider time)
{
    /// <summary>Firmware version (the assembly's informational version).</summary>
    public static string Version { get; } =
        typeof(GatewayClock).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The injected time.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>When this process started, in gateway time.</summary>
    public DateTimeOffset Started { get; } = time.GetUtcNow();

    /// <summary>A new id every start.</summary>
    public string BootId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Time since start.</summary>
    public TimeSpan Uptime => Time.GetUtcNow() - Started;
}
