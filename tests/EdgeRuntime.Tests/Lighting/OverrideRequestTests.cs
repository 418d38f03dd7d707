using System.Text.Json;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class OverrideRequestTests
{
    [Fact]
    public void TryParse_ValidArguments_Parses()
    {
        using var doc = JsonDocument.Parse("""{"group":"g1","level":35,"durationS":900}""");

        Assert.True(OverrideRequest.TryParse(doc.RootElement, out var request, out var errors));

        Assert.Empty(errors);
        Assert.Equal(new OverrideRequest("g1", 35, 900), request);
    }

    [Theory]
    [InlineData("""{"group":"g1","level":101,"durationS":60}""", "level:")]
    [InlineData("""{"group":"g1","level":-1,"durationS":60}""", "level:")]
    [InlineData("""{"group":"g1","level":50.5,"durationS":60}""", "level:")]
    [InlineData("""{"group":"g1","level":"50","durationS":60}""", "level:")]
    [InlineData("""{"group":"g1","level":50,"durationS":0}""", "durationS:")]
    [InlineData("""{"group":"g1","level":50,"durationS":86401}""", "durationS:")]
    [InlineData("""{"group":"g1","level":50}""", "durationS:")]
    [InlineData("""{"level":50,"durationS":60}""", "group:")]
    [InlineData("""{"group":"","level":50,"durationS":60}""", "group:")]
    [InlineData("""[1,2]""", "arguments:")]
    public void TryParse_BadArgument_ErrorNamesIt(string json, string named)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.False(OverrideRequest.TryParse(doc.RootElement, out var request, out var errors));

        Assert.Null(request);
        Assert.Contains(errors, e => e.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParseRelease_GroupOrError()
    {
        using var good = JsonDocument.Parse("""{"group":"g1"}""");
        using var bad = JsonDocument.Parse("""{"group":7}""");

        Assert.True(OverrideRequest.TryParseRelease(good.RootElement, out var group, out _));
        Assert.False(OverrideRequest.TryParseRelease(bad.RootElement, out _, out var errors));

        Assert.Equal("g1", group);
        Assert.StartsWith("group:", Assert.Single(errors), StringComparison.Ordinal);
    }
}
