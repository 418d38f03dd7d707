using EdgeGateway.Drivers.Modbus.Polling;
using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class PollPlannerTests
{
    private static readonly DeviceProfile Sdm630 =
        DeviceProfileLoader.LoadFile(Path.Combine(DeviceProfileLoader.DefaultFolder, "eastron-sdm630.json"));

    private static ProfilePoint P(string name, ModbusTable table, ushort address, ModbusDataType type = ModbusDataType.F32) =>
        new(name, table, address, new ValueFormat(type), "", "x");

    [Fact]
    public void Plan_Sdm630Profile_TwoRequests()
    {
        // 0x0000-0x004B (76 registers: phases, totals, frequency, energy) spans gaps <= maxGap 64 within 80
        // registers; the neutral current at 0x00E0 is too far and needs its own read.
        var requests = ModbusRequestPlanner.Plan(Sdm630.Points, Sdm630);

        Assert.Equal(2, requests.Count);
        Assert.Equal((0, 0x4C), (requests[0].Start, requests[0].Count));
        Assert.Equal((0xE0, 2), (requests[1].Start, requests[1].Count));
        AssertCoversEachPointOnce(Sdm630.Points, requests, 80);
    }

    [Theory]
    [InlineData(125, 0, 7)] // contiguous runs only: 0-0x11, 0x1E-0x23, 0x30-0x31, 0x34-0x35, 0x3E-0x3F, 0x46-0x4B, 0xE0
    [InlineData(16, 0, 8)]  // the 18-register run 0-0x11 splits at 16
    [InlineData(80, 2, 6)]  // 0x30 and 0x34 merge over a 2-register hole
    [InlineData(125, 200, 2)] // 0x0000-0x00E1 would be 226 registers
    public void Plan_Sdm630WithOtherLimits_FewestRequests(int maxRegisters, int maxGap, int expected)
    {
        var requests = ModbusRequestPlanner.Plan(Sdm630.Points, maxRegisters, maxGap);

        Assert.Equal(expected, requests.Count);
        AssertCoversEachPointOnce(Sdm630.Points, requests, maxRegisters);
        Assert.Equal(expected, BruteForceMinimum(Sdm630.Points, maxRegisters, maxGap));
    }

    [Fact]
    public void Plan_MixedTables_NeverMergesAcrossTables()
    {
        var points = new[]
        {
            P("a", ModbusTable.Holding, 0, ModbusDataType.U16), P("b", ModbusTable.Input, 1, ModbusDataType.U16),
            P("c", ModbusTable.Discrete, 0, ModbusDataType.Bool), P("d", ModbusTable.Discrete, 5, ModbusDataType.Bool),
        };

        var requests = ModbusRequestPlanner.Plan(points, 10, 10);

        Assert.Equal(3, requests.Count);
        Assert.Equal([ModbusTable.Discrete, ModbusTable.Holding, ModbusTable.Input], requests.Select(r => r.Table).Order());
        Assert.Equal(6, requests.Single(r => r.Table == ModbusTable.Discrete).Count);
    }

    [Fact]
    public void Plan_OnlyDuePoints_ReadsOnlyTheirSpan()
    {
        var due = Sdm630.Points.Where(p => p.Name is "energyImport" or "energyExport");

        var request = Assert.Single(ModbusRequestPlanner.Plan(due, Sdm630));

        Assert.Equal((0x48, 4), (request.Start, request.Count));
    }

    [Fact]
    public void Plan_OverlappingPoints_SpanCoversBoth()
    {
        var points = new[] { P("wide", ModbusTable.Holding, 10, ModbusDataType.U64), P("inner", ModbusTable.Holding, 11, ModbusDataType.U16) };

        var request = Assert.Single(ModbusRequestPlanner.Plan(points, 10, 0));

        Assert.Equal((10, 4), (request.Start, request.Count));
    }

    private static void AssertCoversEachPointOnce(IReadOnlyList<ProfilePoint> points, IReadOnlyList<ModbusReadRequest> requests, int limit)
    {
        Assert.All(requests, r => Assert.InRange(r.Count, 1, limit));
        Assert.Equal(points.Count, requests.Sum(r => r.Points.Count));
        foreach (var point in points)
        {
            var r = Assert.Single(requests, r => r.Points.Contains(point));
            Assert.True(point.Address >= r.Start && point.End <= r.Start + r.Count, point.Name);
        }
    }

    // An independent check of "fewest": dynamic programming over the sorted points of each table.
    private static int BruteForceMinimum(IReadOnlyList<ProfilePoint> points, int limit, int maxGap)
    {
        int total = 0;
        foreach (var table in points.GroupBy(p => p.Table))
        {
            var sorted = table.OrderBy(p => p.Address).ToList();
            var best = new int[sorted.Count + 1];
            for (int i = 1; i <= sorted.Count; i++)
            {
                best[i] = int.MaxValue;
                for (int j = i - 1; j >= 0; j--)
                {
                    var group = sorted.Skip(j).Take(i - j).ToList();
                    int start = group[0].Address, end = group.Max(p => p.End);
                    bool gapsOk = group.Zip(group.Skip(1)).All(x => x.Second.Address - group.TakeWhile(p => p != x.Second).Max(p => p.End) <= maxGap);
                    if (end - start <= limit && gapsOk && best[j] != int.MaxValue)
                    {
                        best[i] = Math.Min(best[i], best[j] + 1);
                    }
                }
            }

            total += best[sorted.Count];
        }

        return total;
    }
}
