using System.Text.Json;
using EdgeGateway.Runtime.Points;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>The retained <c>…/meta</c> payload: <c>[{"point","unit","kind","device"}]</c>.</summary>
internal static class MetaPayload
{
    /// <summary>Serialises every declared point.</summary>
    public static byte[] Build(PointTable points) =>
        JsonSerializer.SerializeToUtf8Bytes(points.Points.Select(p => new Dictionary<string, string>
        {
            ["point"] = p.Point,
            ["unit"] = p.Unit,
            ["kind"] = p.Kind,
            ["device"] = p.Device,
        }));
}
