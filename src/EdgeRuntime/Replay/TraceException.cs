namespace EdgeGateway.Runtime.Replay;

/// <summary>A trace file or <c>--trace</c> argument that cannot be replayed; the message names the file and line.</summary>
internal sealed class TraceException(string message) : Exception(message);
