using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Sync.Tests.Uplink;

[Trait("Category", "Unit")]
public sealed class UplinkTlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("uplink-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Errors_CaFileWithoutTls_NamesTls()
    {
        var errors = UplinkTls.Errors(new MqttBrokerOptions { Host = "h", CaFile = Write("ca.pem", Cert().ExportCertificatePem()) }, "EdgeGateway:Mqtt").ToList();

        Assert.Contains(errors, e => e.StartsWith("EdgeGateway:Mqtt:Tls must be true", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_CertificateWithoutKey_NamesBoth()
    {
        var errors = UplinkTls.Errors(new MqttBrokerOptions { Host = "h", Tls = true, ClientCertificate = Write("c.pem", Cert().ExportCertificatePem()) }, "EdgeGateway:Mqtt").ToList();

        Assert.Contains(errors, e => e.Contains("ClientCertificate and EdgeGateway:Mqtt:ClientKey go together", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_MissingAndGarbageFiles_NameTheKey()
    {
        var missing = UplinkTls.Errors(new MqttBrokerOptions { Host = "h", Tls = true, CaFile = "/nonexistent/ca.pem" }, "P").ToList();
        var garbage = UplinkTls.Errors(new MqttBrokerOptions { Host = "h", Tls = true, CaFile = Write("bad.pem", "not a certificate") }, "P").ToList();

        Assert.Equal(["P:CaFile '/nonexistent/ca.pem' does not exist"], missing);
        Assert.Contains(garbage, e => e.StartsWith("P:CaFile, ClientCertificate, ClientKey: not readable as PEM", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_GoodFilesAndPasswordFile_None()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cert = Cert(key);
        var options = new MqttBrokerOptions
        {
            Host = "h",
            Tls = true,
            CaFile = Write("ca.pem", cert.ExportCertificatePem()),
            ClientCertificate = Write("c.pem", cert.ExportCertificatePem()),
            ClientKey = Write("c.key", key.ExportPkcs8PrivateKeyPem()),
            PasswordFile = Write("pw", "s3cret\nignored\n"),
        };

        Assert.Empty(UplinkTls.Errors(options, "P"));
        using var tls = UplinkTls.Load(options, TimeProvider.System);
        Assert.True(tls.Client!.HasPrivateKey);
        Assert.Equal("s3cret", UplinkTls.Password(options));
    }

    [Fact]
    public void Errors_PasswordAndPasswordFile_Exclusive()
    {
        var errors = UplinkTls.Errors(new MqttBrokerOptions { Host = "h", Password = "x", PasswordFile = Write("pw", "y") }, "P").ToList();

        Assert.Equal(["P:PasswordFile and P:Password exclude each other"], errors);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static X509Certificate2 Cert(ECDsa? key = null)
    {
        using var own = key is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var request = new CertificateRequest("CN=test", key ?? own!, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
