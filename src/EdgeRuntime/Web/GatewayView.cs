using EdgeGateway.Drivers.Bus;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Web;

/// <summary>The gateway's own singletons as the technician page reads and commands them: the page keeps no copy of
/// any state, and its lighting commands are the very command objects MQTT uses.</summary>
internal sealed record GatewayView(
    GatewayOptions Options,
    TimeProvider Time,
    GatewayClock Clock,
    UplinkIdentity Identity,
    PointTable Points,
    LightingService Lighting,
    CabinetService Cabinet,
    IUplink Uplink,
    DurableLog Log,
    HealthService Health,
    IClockTrust ClockTrust,
    StateGetCommand State,
    LightOverrideCommand Override,
    LightReleaseCommand Release,
    ConfigGetCommand Config,
    IRecorder Recorder,
    ModbusBuses Modbus,
    II2cBusFactory I2c,
    Func<IEnumerable<Microsoft.Extensions.Hosting.BackgroundService>> Loops);
