using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Tests.Hosting;

/// <summary>The test environment's own rules (tests/TestSupport/TestLog.cs): what counts as an unexpected error, and how
/// an out-of-process gateway's console lines are read.</summary>
[Trait("Category", "Unit")]
public sealed class TestLogTests
{
    [Fact]
    public void Unexpected_ErrorsAndCriticalsNotDeclared_WarningsNever()
    {
        var log = new TestLogCollector();
        log.Add(new LoggedLine(LogLevel.Warning, new EventId(400), "c", "a warning"));
        log.Add(new LoggedLine(LogLevel.Error, new EventId(1012, "LogRollingBack"), "c", "rolled back"));
        log.Add(new LoggedLine(LogLevel.Critical, new EventId(501, "LogFailed"), "c", "crashed"));
        log.Add(new LoggedLine(LogLevel.Error, new EventId(11, "HostedServiceStartupFaulted"), "c", "host"));

        Assert.Equal([1012, 501, 11], log.Unexpected.Select(e => e.Id.Id));
        log.ExpectError(1012);
        log.ExpectError("HostedServiceStartupFaulted");
        Assert.Equal([501], log.Unexpected.Select(e => e.Id.Id));
        Assert.Equal(3, log.Errors.Count);
    }

    [Fact]
    public void For_LoggerOfTheTest_WritesIntoItsCollectorAndKeepsItsOwn()
    {
        var logger = TestLog.For<TestLogTests>();
        logger.LogWarning(new EventId(7, "Seven"), "seven {N}", 7);

        var line = Assert.Single(logger.Entries);
        Assert.Equal("seven 7", line.Message);
        Assert.Equal(typeof(TestLogTests).FullName, line.Category);
        Assert.Contains(TestLog.Current.Entries, e => e == line);
        Assert.Contains("[Warning] EdgeGateway.Runtime.Tests.Hosting.TestLogTests[7 Seven] seven 7", line.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-26T16:00:00.000 fail: EdgeGateway.Runtime.Hosting.PeriodicService[1000] Flaky: a tick failed; the loop goes on System.InvalidOperationException: a bad sample", LogLevel.Error, "EdgeGateway.Runtime.Hosting.PeriodicService", 1000)]
    [InlineData("2026-11-26T16:00:00.000 crit: Microsoft.Extensions.Hosting.Internal.Host[10] boom", LogLevel.Critical, "Microsoft.Extensions.Hosting.Internal.Host", 10)]
    [InlineData("2026-11-26T16:00:00.000 warn: EdgeGateway.Sync.Uplink.MqttUplink[301] Uplink connect attempt 1 failed", LogLevel.Warning, "EdgeGateway.Sync.Uplink.MqttUplink", 301)]
    [InlineData("info: Microsoft.Hosting.Lifetime[0] Application started.", LogLevel.Information, "Microsoft.Hosting.Lifetime", 0)]
    [InlineData("Unhandled exception. System.IO.IOException: disk gone", LogLevel.Critical, "process", 0)]
    [InlineData("edge-gateway: Invalid configuration:", LogLevel.Information, "process", 0)]
    public void ParseConsoleLine_SimpleConsoleSingleLine_LevelCategoryAndId(string line, LogLevel level, string category, int id)
    {
        var parsed = TestLog.ParseConsoleLine(line);

        Assert.Equal(level, parsed.Level);
        Assert.Equal(category, parsed.Category);
        Assert.Equal(id, parsed.Id.Id);
    }
}
