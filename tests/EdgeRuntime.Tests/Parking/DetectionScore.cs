namespace EdgeGateway.Runtime.Tests.Parking;

/// <summary>Precision/recall of detected transitions against truth windows, with timing error.</summary>
internal sealed record DetectionScore(int Detected, int Truth, int Matched, double MeanErrorS, double MaxAbsErrorS)
{
    public double Precision => Detected == 0 ? (Truth == 0 ? 1 : 0) : (double)Matched / Detected;

    public double Recall => Truth == 0 ? 1 : (double)Matched / Truth;

    /// <summary>
    /// Greedy one-to-one matching: a detection matches a true transition when it falls in
    /// [windowStart - tolerance, reference + tolerance] (the manoeuvre plus 15 s); the error is measured
    /// against the reference (arrive for arrivals, leave_end for departures).
    /// </summary>
    public static DetectionScore Match(
        IReadOnlyList<DateTimeOffset> detected,
        IReadOnlyList<(DateTimeOffset WindowStart, DateTimeOffset Reference)> truth,
        TimeSpan tolerance)
    {
        var used = new HashSet<int>();
        var errors = new List<double>();
        foreach (var (start, reference) in truth)
        {
            int best = -1;
            for (int i = 0; i < detected.Count; i++)
            {
                if (used.Contains(i) || detected[i] < start - tolerance || detected[i] > reference + tolerance)
                {
                    continue;
                }

                if (best < 0 || (detected[i] - reference).Duration() < (detected[best] - reference).Duration())
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                used.Add(best);
                errors.Add((detected[best] - reference).TotalSeconds);
            }
        }

        return new DetectionScore(
            detected.Count, truth.Count, used.Count,
            errors.Count > 0 ? errors.Average() : 0,
            errors.Count > 0 ? errors.Max(Math.Abs) : 0);
    }
}
