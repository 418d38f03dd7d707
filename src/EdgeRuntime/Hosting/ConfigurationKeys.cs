using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// Finds configuration keys that bind to nothing, by their full path: <c>EdgeGateway:Mqtt:Hots is not a known key
/// (did you mean Host?)</c>. The binder's own error names only the class and the key, not where it is.
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>One message per key under <paramref name="section"/> that <paramref name="type"/> does not have.</summary>
    public static IEnumerable<string> Unknown(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            foreach (var error in UnknownChild(child, type))
            {
                yield return error;
            }
        }
    }

    private static IEnumerable<string> UnknownChild(IConfigurationSection child, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            string? near = properties.Where(p => p.CanWrite).Select(p => p.Name)
                .Select(n => (Name: n, Distance: Distance(n.ToUpperInvariant(), child.Key.ToUpperInvariant())))
                .Where(c => c.Distance <= 2).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
            yield return $"{child.Path} is not a known key" + (near is null ? "" : $" (did you mean {near}?)");
            yield break;
        }

        foreach (var error in UnknownIn(child, property.PropertyType))
        {
            yield return error;
        }
    }

    private static IEnumerable<string> UnknownIn(IConfigurationSection section, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type) || !section.GetChildren().Any())
        {
            return [];
        }

        if (ElementOf(type) is { } element)
        {
            // A list's or a dictionary's children are its items (index or key): each is checked as the element type.
            return section.GetChildren().SelectMany(item => IsScalar(element) ? [] : Unknown(item, element));
        }

        return Unknown(section, type);
    }

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        var enumerable = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri)
        || type == typeof(TimeOnly) || type == typeof(DateOnly) || type == typeof(object);

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
