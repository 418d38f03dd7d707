namespace EdgeGateway.Runtime.Options;

/// <summary>One I2C device.</summary>
public sealed class I2cDeviceOptions
{
    /// <summary>Device kinds the gateway knows.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "bh1750", "pca9685", "hmc5883l", "sht3x" };

    /// <summary>Unique device id; points are named <c>{Id}.{quantity}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>7-bit address.</summary>
    public int Address { get; set; }

    /// <summary>Polling interval for sensors.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
