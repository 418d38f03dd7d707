using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Cli;

namespace EdgeGateway.Hil.Commissioning;

/// <summary><c>edge-gateway check</c>'s broker probe against a real Mosquitto that wants a user and password
/// (a password file made by mosquitto_passwd): the probe must tell a wrong password from a right one.</summary>
[Trait("Category", "Hil")]
public sealed class CheckBrokerTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-check-").FullName;
    private readonly int _port = Peers.FreePort();
    private Process? _broker;

    public async Task InitializeAsync()
    {
        string mosquitto = Peers.Require("mosquitto");
        string passwd = Peers.Require("mosquitto_passwd");
        string passwords = Path.Combine(_folder, "passwords");
        using (var make = Process.Start(new ProcessStartInfo(passwd, ["-b", "-c", passwords, "cab42", "right-password"]) { RedirectStandardError = true })!)
        {
            await make.WaitForExitAsync();
            Assert.Equal(0, make.ExitCode);
        }

        string conf = Path.Combine(_folder, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"""
            user {Environment.UserName}
            listener {_port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            log_dest file {_folder}/mosquitto.log
            """);
        _broker = Process.Start(new ProcessStartInfo(mosquitto, ["-c", conf]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await Peers.Until(Accepts, $"mosquitto listening on {_port}", TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await Peers.StopAsync(_broker);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string Config(string? password, bool tls = false)
    {
        var mqtt = new System.Text.Json.Nodes.JsonObject
        {
            ["Host"] = "127.0.0.1",
            ["Port"] = _port,
            ["Tls"] = tls,
            ["Username"] = "cab42",
            ["Timeout"] = "00:00:05",
        };
        if (password is not null)
        {
            mqtt["Password"] = password;
        }

        var root = System.Text.Json.Nodes.JsonNode.Parse("""
            {"EdgeGateway":{"GatewayId":"cab-42","Simulation":{"Enabled":true},
             "I2cBuses":[{"BusId":1,"Devices":[{"Id":"lux1","Kind":"bh1750","Address":35}]}]}}
            """)!;
        root["EdgeGateway"]!["Mqtt"] = mqtt;
        return WriteConfig(root.ToJsonString());
    }

    private string WriteConfig(string json)
    {
        string path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int Exit, string Out)> CheckAsync(string config, params string[] extra)
    {
        var stdout = new StringWriter();
        int exit = await CheckVerb.RunAsync(["--config", config, .. extra], stdout, new StringWriter());
        return (exit, stdout.ToString());
    }

    [SkippableFact]
    public async Task Check_WrongPassword_NamesBadCredentialsExit1()
    {
        var (exit, output) = await CheckAsync(Config("wrong-password"));

        Assert.Equal(1, exit);
        Assert.Matches($@"FAIL broker +127\.0\.0\.1:{_port} bad credentials", output);
    }

    [SkippableFact]
    public async Task Check_RightPassword_BrokerAcceptsExit0()
    {
        var (exit, output) = await CheckAsync(Config("right-password"));

        Assert.True(exit == 0, output);
        Assert.Contains("accepted an MQTT CONNECT", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_NoPassword_BrokerRefusesExit1()
    {
        var (exit, output) = await CheckAsync(Config(password: null), "--json");

        Assert.Equal(1, exit);
        var broker = System.Text.Json.Nodes.JsonNode.Parse(output)!["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "broker")!;
        Assert.False(broker["ok"]!.GetValue<bool>());
        Assert.Matches("bad credentials|not authorised", broker["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Check_TlsAgainstPlaintextPort_NamesTlsFailureExit1()
    {
        var (exit, output) = await CheckAsync(Config("right-password", tls: true));

        Assert.Equal(1, exit);
        Assert.Matches("FAIL broker .*(TLS|certificate)", output);
        Assert.DoesNotContain("accepted", output, StringComparison.Ordinal);
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", _port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
