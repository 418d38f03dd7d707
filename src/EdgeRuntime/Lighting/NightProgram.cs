using System.Globalization;
using EdgeGateway.Runtime.Astro;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>A compiled night program: rules with parsed times, evaluated against an instant.</summary>
internal sealed class NightProgram
{
    private readonly IReadOnlyList<CompiledRule> _rules;

    private NightProgram(IReadOnlyList<CompiledRule> rules) => _rules = rules;

    /// <summary>Parses the configured rules; every error names its key (<c>program[0].steps[1].from</c>).</summary>
    public static NightProgram Compile(IReadOnlyList<ProgramRule>? rules, List<string> errors)
    {
        var compiled = new List<CompiledRule>();
        rules ??= [];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var key = $"program[{r}]";
            var days = new HashSet<DayOfWeek>();
            foreach (var day in rule.Days ?? [])
            {
                if (ParseDay(day) is { } d)
                {
                    days.Add(d);
                }
                else
                {
                    errors.Add($"{key}.days: unknown weekday '{day}' (Mon..Sun)");
                }
            }

            var from = ParseMonthDay(rule.FromDate, $"{key}.fromDate", errors);
            var to = ParseMonthDay(rule.ToDate, $"{key}.toDate", errors);
            if ((rule.FromDate is null) != (rule.ToDate is null))
            {
                errors.Add($"{key}: fromDate and toDate go together (both or neither)");
            }

            var steps = new List<CompiledStep>();
            var ruleSteps = rule.Steps ?? [];
            for (var s = 0; s < ruleSteps.Count; s++)
            {
                var step = ruleSteps[s];
                var stepKey = $"{key}.steps[{s}]";
                var okFrom = ProgramTime.TryParse(step.From, out var stepFrom, out var fromError);
                var okTo = ProgramTime.TryParse(step.To, out var stepTo, out var toError);
                if (!okFrom)
                {
                    errors.Add($"{stepKey}.from: {fromError}");
                }

                if (!okTo)
                {
                    errors.Add($"{stepKey}.to: {toError}");
                }

                if (step.Level is < 0 or > 100)
                {
                    errors.Add($"{stepKey}.level: must be 0..100, got {step.Level}");
                }

                steps.Add(new CompiledStep(stepFrom, stepTo, step.Level));
            }

            compiled.Add(new CompiledRule(days, from, to, steps));
        }

        return new NightProgram(compiled);
    }

    /// <summary>The program's level at <paramref name="now"/>, or null when no step of the matching rule holds.</summary>
    public int? LevelAt(DateTimeOffset now, TimeZoneInfo zone, SiteLocation site)
    {
        // A night runs noon to noon, so now belongs to tonight's or last night's program.
        var today = LocalTime.DateOf(now, zone);
        for (var night = today; night >= today.AddDays(-1); night = night.AddDays(-1))
        {
            var rule = _rules.FirstOrDefault(r => r.Matches(night));
            foreach (var step in rule?.Steps ?? [])
            {
                if (step.From.Resolve(night, zone, site) is { } from && step.To.Resolve(night, zone, site) is { } to
                    && from <= now && now < to)
                {
                    return step.Level;
                }
            }
        }

        return null;
    }

    private static DayOfWeek? ParseDay(string text)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString();
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, name[..3], StringComparison.OrdinalIgnoreCase))
            {
                return day;
            }
        }

        return null;
    }

    private static (int Month, int Day)? ParseMonthDay(string? text, string key, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        // Validated against a leap year so 02-29 is accepted (it simply never matches in other years).
        if (DateOnly.TryParseExact("2024-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return (d.Month, d.Day);
        }

        errors.Add($"{key}: expected MM-dd, got '{text}'");
        return null;
    }

    private sealed record CompiledStep(ProgramTime From, ProgramTime To, int Level);

    private sealed record CompiledRule(HashSet<DayOfWeek> Days, (int Month, int Day)? From, (int Month, int Day)? To, IReadOnlyList<CompiledStep> Steps)
    {
        public bool Matches(DateOnly evening)
        {
            if (Days.Count > 0 && !Days.Contains(evening.DayOfWeek))
            {
                return false;
            }

            if (From is not { } from || To is not { } to)
            {
                return true;
            }

            var x = (evening.Month * 100) + evening.Day;
            var a = (from.Month * 100) + from.Day;
            var b = (to.Month * 100) + to.Day;
            return a <= b ? x >= a && x <= b : x >= a || x <= b;
        }
    }
}
