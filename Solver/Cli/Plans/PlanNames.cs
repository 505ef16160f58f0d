using System.Text;

namespace Pinn.Solver.Cli;

/// <summary>File names of planned runs: the index, then the labels in letters, digits, '.' and '-'.</summary>
public static class PlanNames
{
    /// <summary>The results file of run <paramref name="index"/> labelled <paramref name="label"/>, under <paramref name="outDirectory"/>/runs.</summary>
    public static string Results(string outDirectory, int index, string label) =>
        Path.Combine(outDirectory, "runs", $"{index:D3}-{Slug(label)}.h5");

    /// <summary><paramref name="text"/> with every other character as '-', repeated '-' collapsed, at most 60 characters.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text)
        {
            var k = char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '-';
            if (k == '-' && (slug.Length == 0 || slug[^1] == '-')) continue;
            slug.Append(k);
        }
        var s = slug.ToString().TrimEnd('-');
        return s.Length == 0 ? "run" : s[..Math.Min(60, s.Length)].TrimEnd('-');
    }
}
