using System.Globalization;
using Pinn.Verification.Tests;

namespace Pinn.Solver.Tests.Corpus;

/// <summary>
/// The README's Python snippet (h5py + numpy) re-evaluates stored networks outside the toolkit and reproduces
/// /evaluation/prediction: plain, hard-constrained, periodic-embedded, Fourier-feature and multi-output runs.
/// Skipped, saying why, when no python3 with h5py is found.
/// </summary>
[Collection("console")]
public class ResultsSnippetTests
{
    private static string Snippet()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pinn.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        var readme = File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
        var start = readme.IndexOf("<!-- results-snippet -->\n```python\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no results snippet");
        start = readme.IndexOf('\n', readme.IndexOf("```python", start, StringComparison.Ordinal)) + 1;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [RequiresToolFact("h5py")]
    public void ReadmeSnippet_ReproducesTheStoredPredictions()
    {
        using var dir = Cli.Cli.TemporaryDirectory();
        File.WriteAllText(dir["evaluate.py"], Snippet());
        string[][] runs =
        [
            ["poisson2d", "--hidden", "8"],
            ["poisson2d", "--hidden", "8", "--hard", "--activation", "gelu"],
            ["heat1d", "--hidden", "6,6", "--fourier-features", "1:8", "--activation", "softplus"],
            ["convection", "--hidden", "8", "--periodic", "--hard", "--activation", "sin"],
            ["kovasznay", "--hidden", "8"],
        ];
        foreach (var run in runs)
        {
            var path = dir[$"{string.Join("_", run).Replace(",", "-").Replace(":", "-")}.h5"];
            var (code, _, err) = Cli.Cli.Run(["solve", .. run, "--optimizer", "adam:3", "--points", "64", "--boundary-points", "16", "--no-recipe", "--quiet", "--out", path]);
            Assert.True(code == 0, $"{string.Join(' ', run)}: {err}");
            var (exit, output, error) = ExternalTools.Run(ExternalTools.PythonWithH5py!, [dir["evaluate.py"], path], TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"{string.Join(' ', run)}: python failed: {error}");
            var difference = double.Parse(output.Trim(), CultureInfo.InvariantCulture);
            Assert.True(difference <= 1e-12, $"{string.Join(' ', run)}: max |python − stored| = {difference}");
        }
    }
}
