namespace EdgeGateway.Runtime.Lighting.Outputs;

/// <summary>Every lamp output kind. A new kind is its folder under <c>Lighting/Outputs/</c> and one line here.</summary>
internal static class LampOutputKinds
{
    /// <summary>The kinds, in the order the configuration error lists them.</summary>
    public static IReadOnlyList<LampOutputKind> All { get; } =
    [
        new Pwm.PwmOutputKind(),
        new Relay.RelayOutputKind(),
        new ModbusLed.ModbusLedOutputKind(),
    ];

    /// <summary>Every kind's name.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(All.Select(k => k.Name), StringComparer.Ordinal);

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static LampOutputKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
