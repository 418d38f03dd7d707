using EdgeGateway.Runtime.Web;

namespace EdgeGateway.Runtime.Tests.Web;

[Trait("Category", "Unit")]
public sealed class PasswordHashTests
{
    [Fact]
    public void Create_SamePasswordTwice_GivesDifferentSaltsThatBothVerify()
    {
        string a = PasswordHash.Create("correct horse", iterations: 100_000);
        string b = PasswordHash.Create("correct horse", iterations: 100_000);

        Assert.NotEqual(a, b);
        Assert.StartsWith("pbkdf2-sha256$100000$", a, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("correct horse", a));
        Assert.True(PasswordHash.Verify("correct horse", b));
        Assert.False(PasswordHash.Verify("correct horsE", a));
    }

    [Fact]
    public void Create_DefaultIterations_AreAtLeastOwaspFigure()
    {
        string stored = PasswordHash.Create("technician-1");

        Assert.Equal(600_000, int.Parse(stored.Split('$')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$600000$not base64$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("md5$600000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    public void Verify_MalformedStoredValue_IsFalseAndNotWellFormed(string stored)
    {
        Assert.False(PasswordHash.IsWellFormed(stored));
        Assert.False(PasswordHash.Verify("anything", stored));
    }
}
