using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class NightProgramTests
{
    private static readonly ProgramRule Christmas = new()
    {
        FromDate = "12-20",
        ToDate = "01-06",
        Steps = [new ProgramStep { From = "sunset", To = "sunrise", Level = 100 }],
    };

    private static readonly ProgramRule Weekend = new()
    {
        Days = ["Fri", "saturday"],
        Steps = [new ProgramStep { From = "sunset", To = "01:00", Level = 100 }, new ProgramStep { From = "01:00", To = "sunrise", Level = 70 }],
    };

    private static readonly ProgramRule Everyday = new()
    {
        Steps = [new ProgramStep { From = "sunset", To = "22:00", Level = 100 }, new ProgramStep { From = "22:00", To = "sunrise", Level = 40 }],
    };

    [Theory]
    [InlineData(2026, 11, 25, 23, 40)]  // Wednesday: everyday rule
    [InlineData(2026, 11, 27, 23, 100)] // Friday evening: weekend rule
    [InlineData(2026, 11, 29, 2, 70)]   // 02:00 Sunday belongs to Saturday's night: weekend rule
    [InlineData(2026, 11, 30, 2, 40)]   // 02:00 Monday belongs to Sunday's night: everyday rule
    [InlineData(2026, 12, 23, 23, 100)] // Wednesday in the Christmas range, first rule wins
    [InlineData(2027, 1, 6, 23, 100)]   // the range wraps the new year, last day inclusive
    [InlineData(2027, 1, 7, 23, 40)]    // after the range
    public void LevelAt_RulesFirstMatchWins_PicksTheEveningsRule(int y, int m, int d, int hour, int expected)
    {
        var program = NightProgram.Compile([Christmas, Weekend, Everyday], []);

        var level = program.LevelAt(LightingKit.Local(y, m, d, hour, 0), LightingKit.Zone, LightingKit.Bucharest);

        Assert.Equal(expected, level);
    }

    [Fact]
    public void LevelAt_Daytime_NoStep()
    {
        var program = NightProgram.Compile([Everyday], []);

        Assert.Null(program.LevelAt(LightingKit.Local(2026, 11, 26, 12, 0), LightingKit.Zone, LightingKit.Bucharest));
    }

    [Fact]
    public void Compile_BadRule_ErrorsNameTheKeys()
    {
        var errors = new List<string>();
        var bad = new ProgramRule
        {
            Days = ["Funday"],
            FromDate = "13-01",
            Steps = [new ProgramStep { From = "sunset+x", To = "25:00", Level = 120 }],
        };

        NightProgram.Compile([Everyday, bad], errors);

        Assert.Contains(errors, e => e.StartsWith("program[1].days:", StringComparison.Ordinal) && e.Contains("Funday"));
        Assert.Contains(errors, e => e.StartsWith("program[1].fromDate:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("program[1]: fromDate and toDate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("program[1].steps[0].from:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("program[1].steps[0].to:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("program[1].steps[0].level:", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("program[0]", StringComparison.Ordinal));
    }
}
