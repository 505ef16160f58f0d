using System.Reflection;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// Checks, before the parser sees them, what the parser would misreport: an option that takes a value given without
/// one (last on the line, or followed by another option) and arguments after <c>--</c>, which no command reads.
/// </summary>
public static class OptionValues
{
    /// <summary>Throws a <see cref="UsageException"/> naming the option or the arguments.</summary>
    public static void Check(IReadOnlyList<string> args, IReadOnlyDictionary<string, Type> commands)
    {
        int separator = args.ToList().IndexOf("--");
        if (separator >= 0)
            throw new UsageException(separator + 1 < args.Count
                ? $"arguments after '--' are not read by pinn (got '{string.Join(' ', args.Skip(separator + 1))}'); give them as options before it"
                : "a trailing '--' is not read by pinn; remove it");
        if (args.Count == 0 || !commands.TryGetValue(args[0], out var settings)) return;
        var valued = ValueOptions(settings);
        for (int i = 1; i < args.Count; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (!valued.Contains(name) || args[i].Contains('=')) continue;
            if (i + 1 == args.Count || (args[i + 1].StartsWith('-') && !double.TryParse(args[i + 1], out _)))
                throw new UsageException($"{name} needs a value (see 'pinn {args[0]} --help')");
            i++;
        }
    }

    /// <summary>The long and short names of the options of <paramref name="settings"/> that take a required value.</summary>
    private static HashSet<string> ValueOptions(Type settings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var option = property.GetCustomAttribute<CommandOptionAttribute>();
            if (option is null || option.ValueName is null || option.ValueIsOptional) continue;
            foreach (var l in option.LongNames) names.Add("--" + l);
            foreach (var s in option.ShortNames) names.Add("-" + s);
        }
        return names;
    }
}
