using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>parking.calibrate</c> <c>{"bay"}</c>: the bay is empty now; its baseline becomes the current field.</summary>
public sealed class ParkingCalibrateCommand(ParkingService parking, TimeProvider time) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "parking.calibrate";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        string bay = arguments["bay"] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
            ? s
            : throw new CommandException("bad_request", "parking.calibrate needs {\"bay\": \"<bay id>\"}");
        var status = parking.Calibrate(bay, time.GetUtcNow());
        return Task.FromResult<JsonNode?>(new JsonObject { ["bay"] = status.BayId, ["occupied"] = status.Occupied, ["calibrated"] = status.Calibrated });
    }
}
