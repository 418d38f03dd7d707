using System.Text.Json;
using EdgeGateway.Runtime.Cli;

namespace EdgeGateway.Runtime.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class AstroVerbTests
{
    [Fact]
    public void Run_ThreeDaysBucharest_PrintsOneJsonLinePerDayWithLocalOffset()
    {
        var (code, output, error) = Run("--lat", "44.4268", "--lon", "26.1025", "--tz", "Europe/Bucharest", "--date", "2026-03-28", "--days", "3");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal("2026-03-28", first.RootElement.GetProperty("date").GetString());
        Assert.Equal(["date", "sunrise", "sunset", "civilDawn", "civilDusk"], first.RootElement.EnumerateObject().Select(p => p.Name));

        // 2026-03-29 is the last Sunday of March: EET (+02:00) before, EEST (+03:00) after.
        Assert.EndsWith("+02:00", first.RootElement.GetProperty("sunrise").GetString());
        Assert.EndsWith("+03:00", third.RootElement.GetProperty("sunset").GetString());
        Assert.Matches(@"^2026-03-28T0[67]:\d\d:\d\d\+02:00$", first.RootElement.GetProperty("sunrise").GetString()!);
    }

    [Fact]
    public void Run_PolarNight_PrintsNullForMissingEvents()
    {
        var (code, output, _) = Run("--lat", "78.22", "--lon", "15.65", "--tz", "Arctic/Longyearbyen", "--date", "2026-12-21");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("sunrise").ValueKind);
    }

    [Theory]
    [InlineData("--lat", "--lat", "95", "--lon", "26", "--tz", "Europe/Bucharest", "--date", "2026-01-01")]
    [InlineData("--lon", "--lat", "44", "--lon", "east", "--tz", "Europe/Bucharest", "--date", "2026-01-01")]
    [InlineData("--tz", "--lat", "44", "--lon", "26", "--tz", "Europe/Atlantis", "--date", "2026-01-01")]
    [InlineData("--date", "--lat", "44", "--lon", "26", "--tz", "Europe/Bucharest", "--date", "26/11/2026")]
    [InlineData("--days", "--lat", "44", "--lon", "26", "--tz", "Europe/Bucharest", "--date", "2026-01-01", "--days", "0")]
    [InlineData("--date", "--lat", "44", "--lon", "26", "--tz", "Europe/Bucharest")]
    [InlineData("--frobnicate", "--lat", "44", "--lon", "26", "--tz", "Europe/Bucharest", "--date", "2026-01-01", "--frobnicate")]
    public void Run_BadArgument_Exit2AndNamesIt(string named, params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(AstroVerb.UsageError, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(named, error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = AstroVerb.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
