using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class AmbientLightModelTests
{
    private const double Lat = 45.7489;
    private const double Lon = 21.2087;

    [Fact]
    public void ElevationDegrees_TimisoaraNoonAtWinterSolstice_About21Degrees()
    {
        // Solar noon in Timișoara is ~10:48 UTC on 21 Dec; elevation = 90 - 45.75 - 23.44 ≈ 20.8°.
        var noon = new DateTimeOffset(2026, 12, 21, 10, 48, 0, TimeSpan.Zero);

        Assert.InRange(SunPosition.ElevationDegrees(Lat, Lon, noon), 20.3, 21.3);
    }

    [Fact]
    public void LuxAt_NightAndNoon_DarkThenBright()
    {
        var model = new AmbientLightModel(Lat, Lon, seed: 7);

        double night = model.LuxAt(new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero));
        double noon = model.LuxAt(new DateTimeOffset(2026, 11, 27, 10, 45, 0, TimeSpan.Zero));

        Assert.True(night < 1 || night > 100, $"night lux {night} is dark, or a rare headlight sweep");
        Assert.True(noon > 5_000, $"noon lux {noon}");
    }

    [Fact]
    public void LuxAt_Dusk_CrossesSixteenLuxOnceWithinAnHour()
    {
        var model = new AmbientLightModel(Lat, Lon, seed: 3);
        var start = new DateTimeOffset(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);
        var samples = Enumerable.Range(0, 3 * 3600 / 10).Select(i => model.LuxAt(start.AddSeconds(i * 10))).ToList();

        int firstDark = samples.FindIndex(l => l < 16);
        int lastBright = samples.FindLastIndex(l => l > 48 && l < 100);

        Assert.InRange(firstDark, 1, samples.Count - 1);
        Assert.True(lastBright < firstDark + 360, "the sky does not brighten again an hour after dusk");
    }

    [Fact]
    public void ClearSkyLux_Twilight_FallsMonotonically()
    {
        double[] elevations = [10, 0, -3, -6, -9, -12];
        var lux = elevations.Select(AmbientLightModel.ClearSkyLux).ToList();

        Assert.Equal(lux.OrderByDescending(l => l), lux);
        Assert.InRange(AmbientLightModel.ClearSkyLux(-6), 2, 4);
    }
}
