using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Hil.Uplink;

/// <summary>An ACL mistake at a real Mosquitto: it answers the gateway's telemetry and events with PUBACK NotAuthorized.
/// The queue is held (nothing dead-lettered), health and an uplink.refused event say so, and once the ACL is fixed the
/// whole backlog goes out, the event with it.</summary>
[Trait("Category", "Hil")]
public sealed class BrokerRefusalTests : BrokerTestBase
{
    private string AclPath => Path.Combine(Folder, "acl");

    protected override string? BrokerConfig => $"acl_file {AclPath}";

    public override async Task InitializeAsync()
    {
        // Anonymous clients (the gateway, the central subscriber): status and meta allowed, telemetry and events not.
        File.WriteAllText(AclPath, "topic readwrite edge/+/status\ntopic readwrite edge/+/meta\ntopic read edge/#\n");
        await base.InitializeAsync();
    }

    [SkippableFact]
    public async Task Run_BrokerAclRefusesTelemetry_QueueHeldRefusalReportedThenDeliveredOnceFixed()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(GatewayUnderTest.Settings("hil-acl", Broker.Port, Path.Combine(Folder, "log.db")));

        await Peers.Until(() => gateway.Uplink.Status.Refusal == "NotAuthorized", "the refusal noticed");
        await Peers.Until(() => gateway.Log.NextSeq > 10, "records piling up behind the refusal");
        var health = gateway.Services.GetRequiredService<HealthService>().Snapshot();
        Assert.Equal("NotAuthorized", health.Uplink.Refused);
        Assert.Equal(0, gateway.Log.DeadLetterCount);
        Assert.Equal(0, gateway.Uplink.Status.DeadLettered);
        Assert.Equal(0, gateway.Log.Checkpoint);
        Assert.Equal(UplinkState.Online, gateway.Uplink.Status.State);

        File.AppendAllText(AclPath, "topic write edge/+/telemetry\ntopic write edge/+/events\n");
        await Broker.ReloadAsync();

        long upTo = gateway.Log.NextSeq - 1;
        await Peers.Until(() => Central.Missing(upTo).Count == 0, $"seq 1..{upTo} delivered once the ACL is fixed", TimeSpan.FromSeconds(120));
        Assert.Contains(Central.Messages, m => m.Topic == "edge/hil-acl/events" && m.Payload.Contains("\"uplink.refused\"", StringComparison.Ordinal) && m.Payload.Contains("NotAuthorized", StringComparison.Ordinal));
        Assert.Equal(0, gateway.Log.DeadLetterCount);
        await Peers.Until(() => gateway.Uplink.Status.Refusal is null, "the refusal cleared");
    }
}
