using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Hil.Uplink;

/// <summary>An ACL mistake at a real Mosquitto: it answers the gateway's telemetry and events with PUBACK NotAuthorized.
/// The queue is held (nothing dead-lettered), health and an uplink.refused event say so, and once the ACL is fixed the
/// whole backlog goes out, the event with it.</summary>
[Trait("Category", "Hil")]
public sealed class BrokerRefusalTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-acl-").FullName;
    private MosquittoBroker _broker = null!;
    private CentralSubscriber _central = null!;

    private string AclPath => Path.Combine(_folder, "acl");

    public async Task InitializeAsync()
    {
        // Anonymous clients (the gateway, the central subscriber): status and meta allowed, telemetry and events not.
        File.WriteAllText(AclPath, "topic readwrite edge/+/status\ntopic readwrite edge/+/meta\ntopic read edge/#\n");
        _broker = new MosquittoBroker($"acl_file {AclPath}");
        await _broker.StartAsync();
        _central = new CentralSubscriber(_broker.Port);
        await _central.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Run_BrokerAclRefusesTelemetry_QueueHeldRefusalReportedThenDeliveredOnceFixed()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(GatewayUnderTest.Settings("hil-acl", _broker.Port, Path.Combine(_folder, "log.db")));

        await Peers.Until(() => gateway.Uplink.Status.Refusal == "NotAuthorized", "the refusal noticed");
        await Peers.Until(() => gateway.Log.NextSeq > 10, "records piling up behind the refusal");
        var health = gateway.Services.GetRequiredService<HealthService>().Snapshot();
        Assert.Equal("NotAuthorized", health["uplink"]!["refused"]!.GetValue<string>());
        Assert.Equal(0, gateway.Log.DeadLetterCount);
        Assert.Equal(0, gateway.Uplink.Status.DeadLettered);
        Assert.Equal(0, gateway.Log.Checkpoint);
        Assert.Equal(UplinkState.Online, gateway.Uplink.Status.State);

        File.AppendAllText(AclPath, "topic write edge/+/telemetry\ntopic write edge/+/events\n");
        await _broker.ReloadAsync();

        long upTo = gateway.Log.NextSeq - 1;
        await Peers.Until(() => _central.Missing(upTo).Count == 0, $"seq 1..{upTo} delivered once the ACL is fixed", TimeSpan.FromSeconds(120));
        Assert.Contains(_central.Messages, m => m.Topic == "edge/hil-acl/events" && m.Payload.Contains("\"uplink.refused\"", StringComparison.Ordinal) && m.Payload.Contains("NotAuthorized", StringComparison.Ordinal));
        Assert.Equal(0, gateway.Log.DeadLetterCount);
        await Peers.Until(() => gateway.Uplink.Status.Refusal is null, "the refusal cleared");
    }
}
