using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>parking.calibrate</c> <c>{"bay"}</c>: the bay is empty now; its baseline becomes the current field.</summary>
internal sealed class ParkingCalibrateCommand(ParkingService parking, TimeProvider time) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "parking.calibrate";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        string bay = arguments["bay"] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
            ? s
            : throw CommandException.BadRequest("bay", "required, a bay id such as \"bay-01\"");
        Parking.BayStatus status;
        try
        {
            status = parking.Calibrate(bay, time.GetUtcNow());
        }
        catch (CommandException ex) when (ex.Code == "bad_request" && ex.Field is null)
        {
            throw new CommandException(ex.Code, $"bay: {ex.Message}", "bay");
        }

        return Task.FromResult<JsonNode?>(new JsonObject { ["bay"] = status.BayId, ["occupied"] = status.Occupied, ["calibrated"] = status.Calibrated });
    }
}
