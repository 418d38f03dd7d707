using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Hil.Infrastructure;

/// <summary>Certificate authorities and certificates made by the test with .NET's <see cref="CertificateRequest"/>,
/// written as PEM files (certificate, PKCS#8 key) in a folder.</summary>
public sealed class TestPki
{
    private readonly string _folder;

    /// <summary>Creates an empty set of files in <paramref name="folder"/>.</summary>
    public TestPki(string folder) => _folder = folder;

    /// <summary>A self-signed CA, valid from 30 days ago for a year; returns its certificate (with key) and writes <c>{name}.pem</c>.</summary>
    public X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddDays(-30), now.AddDays(365));
        File.WriteAllText(PathOf(name + ".pem"), ca.ExportCertificatePem());
        return ca;
    }

    /// <summary>A leaf certificate signed by <paramref name="issuer"/>: a server one for <paramref name="dnsName"/>, or a
    /// client one with <paramref name="commonName"/> as its identity; writes <c>{name}.pem</c> and <c>{name}.key</c>.</summary>
    public void Leaf(X509Certificate2 issuer, string name, string commonName, bool server, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (dnsName is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dnsName);
            request.CertificateExtensions.Add(san.Build());
        }

        var now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using var cert = request.Create(issuer, notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(30), serial);
        File.WriteAllText(PathOf(name + ".pem"), cert.ExportCertificatePem());
        File.WriteAllText(PathOf(name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The full path of a file written here.</summary>
    public string PathOf(string file) => Path.Combine(_folder, file);
}
