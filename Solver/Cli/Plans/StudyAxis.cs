namespace Pinn.Solver.Cli;

/// <summary>One varied quantity of a study and its values, as given to <c>--vary KEY=V1,V2,...</c>.</summary>
public sealed record StudyAxis(string Key, IReadOnlyList<string> Values)
{
    /// <summary>The quantities <c>--vary</c> accepts.</summary>
    public static readonly string[] Keys = ["width", "depth", "points", "boundary-points", "seed", "optimizer"];

    /// <summary>Whether the values are numbers (a figure's axis) or names (optimizers).</summary>
    public bool Numeric => Key != "optimizer";

    /// <summary>Parses <c>KEY=V1,V2,...</c> (optimizer specs separated by ';').</summary>
    public static StudyAxis Parse(string text)
    {
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Keys.Contains(parts[0].ToLowerInvariant()) || parts[1].Length == 0)
            throw new UsageException($"--vary must be KEY=V1,V2,... with KEY one of {string.Join(", ", Keys)} (got '{text}')");
        var key = parts[0].ToLowerInvariant();
        var values = parts[1].Split(key == "optimizer" ? ';' : ',', StringSplitOptions.TrimEntries);
        if (values.Length < 2 || values.Any(v => v.Length == 0) || values.Distinct().Count() != values.Length)
            throw new UsageException($"--vary {key} needs at least two distinct non-empty values (got '{parts[1]}')");
        return new StudyAxis(key, values);
    }
}
