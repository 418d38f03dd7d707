namespace EdgeGateway.Sync.Uplink;

/// <summary>Where the uplink connects. An empty <see cref="Host"/> means no broker is configured.</summary>
public sealed class MqttBrokerOptions
{
    /// <summary>Broker host name or address; empty for none.</summary>
    public string Host { get; set; } = "";

    /// <summary>Broker TCP port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Use TLS.</summary>
    public bool Tls { get; set; }

    /// <summary>PEM file of the certificate authorities that may sign the broker's certificate (with <see cref="Tls"/>);
    /// when empty, the system store. The broker's certificate must also name <see cref="Host"/>.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file of the gateway's client certificate for mutual TLS (with <see cref="ClientKey"/>).</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>PEM file of the client certificate's private key (PKCS#8, RSA or EC).</summary>
    public string? ClientKey { get; set; }

    /// <summary>A file holding the password (first line), so the secret is not in the configuration JSON; read at
    /// each connect. Not together with <see cref="Password"/>.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>User name, if the broker wants one.</summary>
    public string? Username { get; set; }

    /// <summary>Password (a secret: redacted in <c>config.get</c>).</summary>
    public string? Password { get; set; }

    /// <summary>Client id; the gateway id when empty.</summary>
    public string? ClientId { get; set; }

    /// <summary>Topic prefix (CONTRACT.md: <c>edge</c>).</summary>
    public string Prefix { get; set; } = "edge";

    /// <summary>MQTT keep-alive, which is also how often an idle uplink pings.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connect or a PUBACK may take before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles with jitter up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>While waiting out a back-off after a network failure, how often (± 50 % jitter) a cheap TCP probe
    /// looks whether the broker is back (<see cref="ReconnectSchedule"/>).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Records published per round before waiting for their PUBACKs.</summary>
    public int MaxInFlight { get; set; } = 100;

    /// <summary>True when a broker is configured.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
