using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Options;

/// <summary>The gateway's configuration, bound from the <c>EdgeGateway</c> section (JSON, then
/// <c>EdgeGateway__…</c> environment variables) and validated at start.</summary>
internal sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "EdgeGateway";

    /// <summary>The gateway's id: letters, digits, '-' and '_' (it is a topic level).</summary>
    public string GatewayId { get; set; } = "";

    /// <summary>Where the cabinet stands.</summary>
    public SiteOptions Site { get; set; } = new();

    /// <summary>The broker; no host means no uplink (or the embedded broker under <c>--simulate</c>).</summary>
    public MqttBrokerOptions Mqtt { get; set; } = new();

    /// <summary>How commands are taken: their maximum age, the queue they wait in.</summary>
    public CommandOptions Commands { get; set; } = new();

    /// <summary>The durable log.</summary>
    public DurableLogOptions Storage { get; set; } = new() { Path = "" };

    /// <summary>Telemetry batching.</summary>
    public RecorderOptions Recorder { get; set; } = new();

    /// <summary>The virtual cabinet.</summary>
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>I2C buses and their devices.</summary>
    public List<I2cBusOptions> I2cBuses { get; set; } = [];

    /// <summary>Modbus buses (RS-485 lines, TCP devices) and their slaves.</summary>
    public List<ModbusBusOptions> ModbusBuses { get; set; } = [];

    /// <summary>The installer's folder of extra Modbus device profiles (added to, or replacing, the shipped ones).</summary>
    public string ModbusProfiles { get; set; } = "";

    /// <summary>Lamp groups.</summary>
    public List<LampGroupOptions> LampGroups { get; set; } = [];

    /// <summary>Parking bays, each with its magnetometer.</summary>
    public List<ParkingBayOptions> ParkingBays { get; set; } = [];

    /// <summary>Smart bins, each with its ultrasonic distance source.</summary>
    public List<WasteBinOptions> Bins { get; set; } = [];

    /// <summary>The cabinet's door, climate and mains.</summary>
    public CabinetOptions Cabinet { get; set; } = new();

    /// <summary>The technician page.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>How often the <c>health</c> message is published.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(60);
}
