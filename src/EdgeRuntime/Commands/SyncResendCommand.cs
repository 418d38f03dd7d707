using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Commands;

/// <summary><c>sync.resend {"fromSeq"}</c>: republishes what the log still holds from <c>fromSeq</c> on, for a
/// central consumer that saw a gap. Records already pruned by the retention budget cannot come back; the answer
/// says where the log's holdings begin. The uplink is looked up when the command runs, not when it is built: the
/// uplink itself needs the command router, and a constructor dependency would make a cycle.</summary>
internal sealed class SyncResendCommand(Func<IUplink> uplink, DurableLog log) : IGatewayCommand
{
    /// <inheritdoc />
    public string Name => "sync.resend";

    /// <inheritdoc />
    public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments["fromSeq"] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out long fromSeq) || fromSeq < 1)
        {
            throw new CommandException("bad_request", "fromSeq: required, a seq of 1 or more");
        }

        long last = log.NextSeq - 1;
        if (fromSeq > last)
        {
            throw new CommandException("bad_request", $"fromSeq: {fromSeq} is beyond the last seq {last}");
        }

        long oldest = log.ReadAfter(0, 1) is [var first, ..] ? first.Seq : last + 1;
        long start = Math.Max(fromSeq, oldest);
        if (!uplink().RequestResend(start))
        {
            throw new CommandException("unavailable", "no broker is configured; nothing can be resent");
        }

        return Task.FromResult<JsonNode?>(new JsonObject { ["fromSeq"] = start, ["toSeq"] = last, ["oldestHeld"] = oldest });
    }
}
