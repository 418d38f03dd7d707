using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Tests.Modbus;

[Trait("Category", "Unit")]
public sealed class ProfileLoaderTests
{
    private const string Valid = """
        {
          "model": "test-meter", "manufacturer": "test", "maxRegistersPerRequest": 60, "maxGap": 4,
          "points": [
            { "name": "voltage", "table": "input", "address": 0, "type": "f32", "unit": "V", "kind": "voltage" },
            { "name": "power", "table": "input", "address": 12, "type": "s32", "wordOrder": "CDAB", "scale": 0.1, "unit": "W", "kind": "activePower", "pollInterval": 2 }
          ],
          "writable": [
            { "name": "dimLevel", "table": "holding", "address": 0, "type": "u16", "min": 0, "max": 100, "unit": "%", "kind": "dimLevel" }
          ]
        }
        """;

    [Fact]
    public void LoadFolder_ShippedProfiles_AllLoadFromOutputFolder()
    {
        var profiles = DeviceProfileLoader.LoadFolder(DeviceProfileLoader.DefaultFolder);

        Assert.Equal(
            ["carlo-gavazzi-em340", "eastron-sdm120", "eastron-sdm630", "generic-led-driver", "generic-ultrasonic-level"],
            profiles.Keys.Order(StringComparer.Ordinal));
        Assert.All(profiles.Values, p => Assert.NotEmpty(p.Points));
    }

    [Fact]
    public void LoadFile_Sdm630_HasEastronAddressesAsFloats()
    {
        var p = DeviceProfileLoader.LoadFile(Path.Combine(DeviceProfileLoader.DefaultFolder, "eastron-sdm630.json"));

        Assert.Equal(0x0034, p.FindPoint("power")!.Address);
        Assert.Equal(0x0048, p.FindPoint("energyImport")!.Address);
        Assert.Equal(0x0046, p.FindPoint("frequency")!.Address);
        Assert.All(p.Points, x => Assert.Equal(new ValueFormat(ModbusDataType.F32), x.Format));
        Assert.All(p.Points, x => Assert.Equal(ModbusTable.Input, x.Table));
    }

    [Fact]
    public void LoadFile_Sdm120_HasEastronAddresses()
    {
        var p = DeviceProfileLoader.LoadFile(Path.Combine(DeviceProfileLoader.DefaultFolder, "eastron-sdm120.json"));

        Assert.Equal(
            [0x0000, 0x0006, 0x000C, 0x001E, 0x0046, 0x0048],
            new[] { "voltage", "current", "power", "powerFactor", "frequency", "energyImport" }.Select(n => (int)p.FindPoint(n)!.Address));
    }

    [Fact]
    public void LoadFile_Em340_IsCdabScaledWithDatasheetWarning()
    {
        var p = DeviceProfileLoader.LoadFile(Path.Combine(DeviceProfileLoader.DefaultFolder, "carlo-gavazzi-em340.json"));

        Assert.Equal(new ValueFormat(ModbusDataType.S32, WordOrder.CDAB, 0.1), p.FindPoint("voltageL1")!.Format);
        Assert.Equal(0.001, p.FindPoint("currentL1")!.Format.Scale);
        Assert.Contains("datasheet", p.Notes, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_Valid_ReadsDefaultsAndOverrides()
    {
        var p = DeviceProfileLoader.Parse(Valid, "ok.json");

        Assert.Equal(DeviceProfile.DefaultPollInterval, p.PollInterval);
        Assert.Equal(WordOrder.ABCD, p.FindPoint("voltage")!.Format.WordOrder);
        Assert.Equal(1.0, p.FindPoint("voltage")!.Format.Scale);
        Assert.Equal(TimeSpan.FromSeconds(2), p.FindPoint("power")!.PollInterval);
        Assert.Equal(100, p.FindWritable("dimLevel")!.Max);
        Assert.Equal("ok.json", p.Source);
    }

    [Theory]
    [InlineData("\"type\": \"f32\", \"unit\": \"V\"", "\"type\": \"f33\", \"unit\": \"V\"", "points[0].type", "unknown type 'f33'")]
    [InlineData("\"address\": 12", "\"address\": 65535", "points[1].address", "overflows past 65535")]
    [InlineData("\"address\": 0, \"type\": \"f32\"", "\"address\": 70000, \"type\": \"f32\"", "points[0].address", "0-65535")]
    [InlineData("\"name\": \"power\"", "\"name\": \"voltage\"", "points[1].name", "duplicate point 'voltage'")]
    [InlineData("\"maxRegistersPerRequest\": 60", "\"maxRegistersPerRequest\": 126", "maxRegistersPerRequest", "1-125")]
    [InlineData("\"maxRegistersPerRequest\": 60", "\"maxRegistersPerRequest\": 0", "maxRegistersPerRequest", "1-125")]
    [InlineData("\"maxRegistersPerRequest\": 60,", "", "maxRegistersPerRequest", "required")]
    [InlineData("\"maxGap\": 4", "\"maxGap\": -1", "maxGap", "0-124")]
    [InlineData("\"address\": 0, \"type\": \"f32\"", "\"address\": 0, \"type\": \"bool\"", "points[0].type", "bool point must be in a coil or discrete table")]
    [InlineData("\"table\": \"input\", \"address\": 0", "\"table\": \"coil\", \"address\": 0", "points[0].type", "coil point must be bool")]
    [InlineData("\"table\": \"input\", \"address\": 0", "\"table\": \"inputs\", \"address\": 0", "points[0].table", "unknown table 'inputs'")]
    [InlineData("\"wordOrder\": \"CDAB\"", "\"wordOrder\": \"DCAB\"", "points[1].wordOrder", "unknown wordOrder")]
    [InlineData("\"wordOrder\": \"CDAB\"", "\"wordorder\": \"CDAB\"", "points[1].wordorder", "unknown field")]
    [InlineData("\"scale\": 0.1", "\"scale\": 0", "points[1].scale", "must not be 0")]
    [InlineData("\"scale\": 0.1", "\"scale\": \"x\"", "points[1].scale", "must be a number")]
    [InlineData("\"name\": \"voltage\",", "", "points[0].name", "required")]
    [InlineData("\"kind\": \"voltage\"", "\"kind\": \"\"", "points[0].kind", "required")]
    [InlineData("\"pollInterval\": 2", "\"pollInterval\": -2", "points[1].pollInterval", "positive interval")]
    [InlineData("\"pollInterval\": 2", "\"pollInterval\": 1e20", "points[1].pollInterval", "at most a day")]
    [InlineData("\"model\": \"test-meter\",", "", "model", "required")]
    [InlineData("\"table\": \"holding\"", "\"table\": \"input\"", "writable[0].table", "unknown table 'input'")]
    [InlineData("\"min\": 0", "\"min\": 101", "writable[0].min", "above max")]
    [InlineData("\"manufacturer\": \"test\",", "\"manufacturer\": \"test\", \"colour\": \"red\",", "colour", "unknown field")]
    public void Parse_BadField_ErrorNamesFileAndField(string replace, string with, string field, string why)
    {
        string json = Valid.Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        var ex = Assert.Throws<DeviceProfileException>(() => DeviceProfileLoader.Parse(json, "bad.json"));

        Assert.Contains(ex.Errors, e => e.StartsWith($"bad.json: {field}: ", StringComparison.Ordinal) && e.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotJson_ErrorNamesFile()
    {
        var ex = Assert.Throws<DeviceProfileException>(() => DeviceProfileLoader.Parse("{ nope", "broken.json"));

        Assert.StartsWith("broken.json: not valid JSON", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Parse_U64WiderThanRequestLimit_Error()
    {
        string json = Valid.Replace("\"maxRegistersPerRequest\": 60, \"maxGap\": 4", "\"maxRegistersPerRequest\": 3", StringComparison.Ordinal)
            .Replace("\"type\": \"f32\"", "\"type\": \"u64\"", StringComparison.Ordinal);

        var ex = Assert.Throws<DeviceProfileException>(() => DeviceProfileLoader.Parse(json, "bad.json"));

        Assert.Contains(ex.Errors, e => e.StartsWith("bad.json: points[0].type: u64 needs 4 registers", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFolder_TwoBadFilesAndADuplicateModel_ReportsAllTogether()
    {
        string dir = Directory.CreateTempSubdirectory("profiles-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.json"), Valid);
            File.WriteAllText(Path.Combine(dir, "b.json"), Valid);
            File.WriteAllText(Path.Combine(dir, "c.json"), Valid.Replace("\"f32\"", "\"f64\"", StringComparison.Ordinal).Replace("test-meter", "other", StringComparison.Ordinal));

            var ex = Assert.Throws<DeviceProfileException>(() => DeviceProfileLoader.LoadFolder(dir));

            Assert.Contains(ex.Errors, e => e.StartsWith("b.json: model: 'test-meter' is already declared by a.json", StringComparison.Ordinal));
            Assert.Contains(ex.Errors, e => e.StartsWith("c.json: points[0].type", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
