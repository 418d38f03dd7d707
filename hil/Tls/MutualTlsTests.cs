using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.Tls;

/// <summary>The whole gateway against Mosquitto with <c>require_certificate true</c> and <c>use_identity_as_username
/// true</c>, certificates made by the test: a good client certificate connects; none, an expired one, one from another
/// CA, a broker certificate for another name or from an untrusted CA are refused, and the uplink says why.</summary>
[Trait("Category", "Hil")]
public sealed class MutualTlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-tls-").FullName;
    private readonly int _tlsPort = Peers.FreePort();
    private TestPki _pki = null!;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _pki = new TestPki(_folder);
        using var ca = _pki.Authority("city-ca");
        using var other = _pki.Authority("other-ca");
        var now = DateTimeOffset.UtcNow;
        _pki.Leaf(ca, "server", "broker.city.example", server: true, dnsName: "localhost");
        _pki.Leaf(ca, "client", "hil-tls", server: false);
        _pki.Leaf(ca, "expired", "hil-tls", server: false, notBefore: now.AddDays(-10), notAfter: now.AddDays(-1));
        _pki.Leaf(other, "stranger", "hil-tls", server: false);
        _broker = new MosquittoBroker($"""
            listener {_tlsPort} 127.0.0.1
            allow_anonymous false
            cafile {_pki.PathOf("city-ca.pem")}
            certfile {_pki.PathOf("server.pem")}
            keyfile {_pki.PathOf("server.key")}
            require_certificate true
            use_identity_as_username true
            """);
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Run_GoodClientCertificate_OnlineAndDelivers()
    {
        await using var central = new CentralSubscriber(_broker.Port);
        await central.ConnectAsync();

        await using var gateway = await GatewayUnderTest.StartAsync(Settings("client", "localhost", "city-ca.pem"));

        await Peers.Until(() => gateway.Log.Checkpoint >= 3, "records acknowledged over mutual TLS");
        Assert.Equal(UplinkState.Online, gateway.Uplink.Status.State);
        Assert.Contains(central.Messages, m => m.Topic == "edge/hil-tls/telemetry");
    }

    [SkippableTheory]
    [InlineData(null, "localhost", "city-ca.pem", "it wants a client certificate and none is configured")]
    [InlineData("expired", "localhost", "city-ca.pem", "the client certificate expired")]
    [InlineData("stranger", "localhost", "city-ca.pem", "it refused the client certificate CN=hil-tls issued by CN=other-ca")]
    [InlineData("client", "127.0.0.1", "city-ca.pem", "does not name '127.0.0.1'")]
    [InlineData("client", "localhost", "other-ca.pem", "not trusted by")]
    public async Task Run_RefusedTls_UplinkAndHealthSayWhy(string? client, string host, string caFile, string why)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(Settings(client, host, caFile));

        await Peers.Until(() => gateway.Uplink.Status.ConnectAttempts >= 1 && gateway.Uplink.Status.LastError is not null, "a refused connect");
        string error = gateway.Uplink.Status.LastError!;
        var health = gateway.Services.GetRequiredService<HealthService>().Snapshot();
        output.WriteLine($"{client ?? "none"} / {host} / {caFile}: {error}");

        Assert.NotEqual(UplinkState.Online, gateway.Uplink.Status.State);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.Equal(error, health.Uplink.LastError);
        Assert.Equal(0, gateway.Log.Checkpoint);
    }

    private Dictionary<string, string?> Settings(string? client, string host, string caFile)
    {
        var settings = GatewayUnderTest.Settings("hil-tls", _tlsPort, Path.Combine(_folder, $"log-{Guid.NewGuid():N}.db"));
        settings["EdgeGateway:Mqtt:Host"] = host;
        settings["EdgeGateway:Mqtt:Tls"] = "true";
        settings["EdgeGateway:Mqtt:CaFile"] = _pki.PathOf(caFile);
        if (client is not null)
        {
            settings["EdgeGateway:Mqtt:ClientCertificate"] = _pki.PathOf(client + ".pem");
            settings["EdgeGateway:Mqtt:ClientKey"] = _pki.PathOf(client + ".key");
        }

        return settings;
    }
}
