using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Sync.Uplink;

/// <summary>
/// The uplink's TLS: TLS 1.2 or 1.3 only; the broker's certificate must chain to <see cref="MqttBrokerOptions.CaFile"/>
/// (or the system store without one) and name the configured host; the client certificate and key for mutual TLS
/// are read from PEM files at each connect (a renewed certificate is picked up without a restart). When a
/// handshake fails it says why in words a technician can act on (<see cref="Explain"/>), for <c>health</c> and the page.
/// </summary>
public sealed class UplinkTls : IDisposable
{
    /// <summary>The protocols the uplink speaks.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly MqttBrokerOptions _options;
    private readonly X509Certificate2Collection? _trust;
    private readonly TimeProvider _time;
    private string? _serverProblem;
    private bool _serverAccepted;

    private UplinkTls(MqttBrokerOptions options, X509Certificate2Collection? trust, X509Certificate2? client, TimeProvider time)
    {
        _options = options;
        _trust = trust;
        Client = client;
        _time = time;
    }

    /// <summary>The client certificate with its key, or null without mutual TLS.</summary>
    public X509Certificate2? Client { get; }

    /// <summary>Reads the CA and client files of <paramref name="options"/>.</summary>
    /// <exception cref="CryptographicException">A file is not a PEM certificate or key.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static UplinkTls Load(MqttBrokerOptions options, TimeProvider time)
    {
        X509Certificate2Collection? trust = null;
        if (!string.IsNullOrWhiteSpace(options.CaFile))
        {
            trust = [];
            trust.ImportFromPemFile(options.CaFile);
            if (trust.Count == 0)
            {
                throw new CryptographicException($"{options.CaFile} holds no PEM certificate");
            }
        }

        X509Certificate2? client = null;
        if (!string.IsNullOrWhiteSpace(options.ClientCertificate))
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.ClientCertificate, options.ClientKey);

            // A key that lives only in memory is not usable by every TLS stack; a PKCS#12 round trip makes it a stored one.
            client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        return new UplinkTls(options, trust, client, time);
    }

    /// <summary>Every problem with the TLS files of <paramref name="options"/>, one message per key (start-up validation).</summary>
    public static IEnumerable<string> Errors(MqttBrokerOptions options, string prefix)
    {
        bool any = !string.IsNullOrWhiteSpace(options.CaFile) || !string.IsNullOrWhiteSpace(options.ClientCertificate) || !string.IsNullOrWhiteSpace(options.ClientKey);
        if (any && !options.Tls)
        {
            yield return $"{prefix}:Tls must be true when CaFile, ClientCertificate or ClientKey is set";
        }

        if (string.IsNullOrWhiteSpace(options.ClientCertificate) != string.IsNullOrWhiteSpace(options.ClientKey))
        {
            yield return $"{prefix}:ClientCertificate and {prefix}:ClientKey go together (mutual TLS needs both)";
        }

        if (!string.IsNullOrWhiteSpace(options.PasswordFile) && !string.IsNullOrEmpty(options.Password))
        {
            yield return $"{prefix}:PasswordFile and {prefix}:Password exclude each other";
        }

        bool missing = false;
        foreach (var (key, path) in new[] { ("CaFile", options.CaFile), ("ClientCertificate", options.ClientCertificate), ("ClientKey", options.ClientKey), ("PasswordFile", options.PasswordFile) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                missing = true;
                yield return $"{prefix}:{key} '{path}' does not exist";
            }
        }

        if (options.Tls && any && !missing && string.IsNullOrWhiteSpace(options.ClientCertificate) == string.IsNullOrWhiteSpace(options.ClientKey)
            && Unreadable(options) is { } problem)
        {
            yield return $"{prefix}:CaFile, ClientCertificate, ClientKey: {problem}";
        }
    }

    /// <summary>The password: <see cref="MqttBrokerOptions.Password"/>, or the first line of <see cref="MqttBrokerOptions.PasswordFile"/>.</summary>
    public static string? Password(MqttBrokerOptions options) =>
        string.IsNullOrWhiteSpace(options.PasswordFile)
            ? options.Password
            : File.ReadLines(options.PasswordFile).FirstOrDefault()?.TrimEnd('\r') ?? "";

    /// <summary>The broker certificate check (MQTTnet's validation handler): chain to the CA file (or the system
    /// store), the configured host named, in its validity period.</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        _serverProblem = null;
        _serverAccepted = false;
        if (certificate is null)
        {
            _serverProblem = "the broker sent no certificate";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            _serverProblem = $"the broker's certificate does not name '{_options.Host}' ({certificate.Subject})";
            return false;
        }

        if (_trust is null)
        {
            _serverProblem = errors == SslPolicyErrors.None ? null : $"the broker's certificate is not trusted by the system store ({errors})";
            _serverAccepted = errors == SslPolicyErrors.None;
            return _serverAccepted;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        using var server = new X509Certificate2(certificate);
        if (chain.Build(server))
        {
            _serverAccepted = true;
            return true;
        }

        _serverProblem = $"the broker's certificate is not trusted by {_options.CaFile}: {string.Join(", ", chain.ChainStatus.Select(s => s.Status))}";
        return false;
    }

    /// <summary>Why a connect failed, in words: our own verdict on the broker's certificate, the client certificate's
    /// validity, and the innermost error (a TLS alert names what the broker disliked).</summary>
    public string Explain(Exception failure)
    {
        var parts = new List<string>();
        if (_serverProblem is not null)
        {
            parts.Add(_serverProblem);
        }

        var now = _time.GetUtcNow();
        if (_serverAccepted)
        {
            // We accepted the broker and it hung up: it refused us, and a TLS server says why only in its own log.
            parts.Add(Client is null
                ? "the broker closed the connection after its certificate was accepted: it wants a client certificate and none is configured (Mqtt:ClientCertificate, Mqtt:ClientKey)"
                : $"the broker closed the connection after its certificate was accepted: it refused the client certificate {Client.Subject} issued by {Client.Issuer}");
        }

        if (Client is null)
        {
            // Nothing to say about a certificate we do not have.
        }
        else if (now > Client.NotAfter.ToUniversalTime())
        {
            parts.Add($"the client certificate expired at {Client.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
        }
        else if (now < Client.NotBefore.ToUniversalTime())
        {
            parts.Add($"the client certificate is not valid before {Client.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
        }

        parts.Add(Innermost(failure));
        return "TLS: " + string.Join("; ", parts.Distinct());
    }

    private static string? Unreadable(MqttBrokerOptions options)
    {
        try
        {
            Load(options, TimeProvider.System).Dispose();
            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"not readable as PEM certificates and key ({ex.Message})";
        }
    }

    /// <summary>The innermost exception's message (MQTTnet wraps the socket's and the TLS stack's).</summary>
    public static string Innermost(Exception failure)
    {
        var inner = failure;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == failure || inner.Message == failure.Message ? failure.Message : $"{failure.Message.TrimEnd('.')}: {inner.Message}";
    }

    /// <inheritdoc />
    public void Dispose() => Client?.Dispose();
}
