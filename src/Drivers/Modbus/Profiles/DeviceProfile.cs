namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>One device model's register map, loaded from a JSON file by <see cref="DeviceProfileLoader"/>.</summary>
/// <param name="Model">Model name, the key a configuration refers to (e.g. <c>eastron-sdm630</c>).</param>
/// <param name="Manufacturer">Maker.</param>
/// <param name="Notes">Free text (datasheet reference, caveats).</param>
/// <param name="MaxRegistersPerRequest">Largest read the device accepts (1-125, Modbus spec 6.3).</param>
/// <param name="MaxGap">Unused registers a merged read may span between two points.</param>
/// <param name="PollInterval">Default poll interval of the device's points.</param>
/// <param name="Points">What is read.</param>
/// <param name="Writable">What may be written.</param>
/// <param name="Source">The file it came from.</param>
public sealed record DeviceProfile(
    string Model,
    string Manufacturer,
    string? Notes,
    int MaxRegistersPerRequest,
    int MaxGap,
    TimeSpan PollInterval,
    IReadOnlyList<ProfilePoint> Points,
    IReadOnlyList<WritablePoint> Writable,
    string Source)
{
    /// <summary>The poll interval used when a profile names none.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>The read point called <paramref name="name"/>, or null.</summary>
    public ProfilePoint? FindPoint(string name) => Points.FirstOrDefault(p => p.Name == name);

    /// <summary>The writable point called <paramref name="name"/>, or null.</summary>
    public WritablePoint? FindWritable(string name) => Writable.FirstOrDefault(p => p.Name == name);
}
