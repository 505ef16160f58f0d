using System.Text.Json;
using Pinn.Optimizers;
using Pinn.Problems;
using Pinn.Solver.Cli;
using Pinn.Solver.Training;

namespace Pinn.Solver.Tests.Cli;

/// <summary>
/// Each catalogue problem's recipe is what <c>pinn solve PROBLEM</c> runs: every recipe option the command line leaves
/// out is taken from it, each given option wins over the recipe's, <c>--no-recipe</c> gives the plain defaults, the
/// resolved settings are what a checkpoint replays, and a run that misses rel. L2 1e-2 says so.
/// </summary>
[Collection("console")]
public class RecipeTests
{
    private static SolveJob Job(params string[] args) => SolveArguments.Job(["solve", .. args]);

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

    /// <summary>The settings of a job that a recipe can set, in the recipe's words.</summary>
    private static Dictionary<string, string> Settings(SolveJob job) => new()
    {
        ["--optimizer"] = OptimizerSpec.Format(job.Phases),
        ["--hidden"] = string.Join(',', job.Network.Hidden),
        ["--hard"] = job.Size.Hard.ToString(),
        ["--periodic"] = job.Size.PeriodicEmbedding.ToString(),
        ["--sampling"] = job.Form.Sampling ?? "",
        ["--points"] = job.Size.InteriorPoints?.ToString() ?? "",
        ["--budget"] = job.Budget.ToString("R"),
        ["--adaptive"] = job.Training.Adaptive?.ToString() ?? "",
        ["--resample-every"] = job.Training.ResampleEvery.ToString(),
    };

    private static Dictionary<string, string> Expected(IBenchmarkProblem p)
    {
        var r = p.Recipe;
        return new()
        {
            ["--optimizer"] = OptimizerSpec.Format(OptimizerSpec.Parse(r.Optimizer)),
            ["--hidden"] = string.Join(',', r.Hidden ?? p.DefaultHidden),
            ["--hard"] = r.Hard.ToString(),
            ["--periodic"] = r.Periodic.ToString(),
            ["--sampling"] = r.Sampling ?? "",
            ["--points"] = r.Points?.ToString() ?? "",
            ["--budget"] = (r.Budget ?? 0).ToString("R"),
            ["--adaptive"] = r.Adaptive is null ? "" : Engine.AdaptiveSampling.Parse(r.Adaptive).ToString(),
            ["--resample-every"] = (r.ResampleEvery ?? 0).ToString(),
        };
    }

    public static TheoryData<string> Problems() => [.. ProblemCatalog.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Problems))]
    public void Solve_WithoutOptions_RunsTheProblemsRecipe(string name)
    {
        var problem = ProblemCatalog.Get(name);
        var job = Job(name);
        Assert.Equal(Expected(problem), Settings(job));
        Assert.Equal(problem.Recipe.Arguments, job.RecipeOptions);
        Assert.Equal([name, .. problem.Recipe.Arguments, SolveRecipe.Off], job.SolveArguments);
    }

    [Theory]
    [InlineData("--optimizer", "adam:7")]
    [InlineData("--hidden", "5,5")]
    [InlineData("--sampling", "uniform")]
    [InlineData("--points", "100")]
    [InlineData("--budget", "7")]
    public void EachGivenOption_ReplacesOnlyTheRecipesOwn(string option, string value)
    {
        var problem = ProblemCatalog.Get("convection");
        Assert.Contains(option, problem.Recipe.Options.Select(o => o.Option));
        var expected = Expected(problem);
        expected[option] = option == "--optimizer" ? OptimizerSpec.Format(OptimizerSpec.Parse(value)) : value;
        var job = Job("convection", option, value);
        Assert.Equal(expected, Settings(job));
        Assert.DoesNotContain(option, job.RecipeOptions);
        Assert.Equal(problem.Recipe.Options.Count - 1, job.RecipeOptions.Count(w => w.StartsWith("--", StringComparison.Ordinal)));
    }

    [Fact]
    public void ResampleEvery_ReplacesARecipesAdaptiveSampling_AndAdaptiveARecipesResampling()
    {
        var withAdaptive = ProblemCatalog.Get("burgers");
        Assert.NotNull(withAdaptive.Recipe.Adaptive);
        var job = Job(withAdaptive.Name, "--resample-every", "5");
        Assert.Null(job.Training.Adaptive);
        Assert.Equal(5, job.Training.ResampleEvery);
        Assert.DoesNotContain("--adaptive", job.RecipeOptions);
        job = Job(withAdaptive.Name, "--adaptive", "rar-d:every=7");
        Assert.Equal(Engine.AdaptiveSampling.Parse("rar-d:every=7").ToString(), job.Training.Adaptive?.ToString());
    }

    [Fact]
    public void NoRecipe_GivesThePlainDefaults()
    {
        foreach (var problem in ProblemCatalog.All)
        {
            var job = Job(problem.Name, "--no-recipe");
            Assert.Equal(Recipe.PlainOptimizer, OptimizerSpec.Format(job.Phases));
            Assert.Equal(problem.DefaultHidden, job.Network.Hidden);
            Assert.False(job.Size.Hard || job.Size.PeriodicEmbedding, problem.Name);
            Assert.Null(job.Size.InteriorPoints);
            Assert.Null(job.Form.Sampling);
            Assert.Equal(0, job.Budget);
            Assert.Empty(job.RecipeOptions);
            Assert.Equal([problem.Name, "--no-recipe"], job.SolveArguments);
        }
    }

    [Fact]
    public void List_ShowsEveryRecipe()
    {
        var (code, output, err) = Cli.Run("list");
        Assert.True(code == 0, err);
        var shown = RecipeColumn(output);
        foreach (var problem in ProblemCatalog.All)
            Assert.Equal(problem.Recipe.ToString(), shown.GetValueOrDefault(problem.Name));
    }

    /// <summary>The recipe table's second column per problem, its wrapped lines joined.</summary>
    private static Dictionary<string, string> RecipeColumn(string listing)
    {
        var lines = listing.Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains("Recipes"));
        Assert.True(start >= 0, listing);
        var column = new Dictionary<string, string>();
        string? problem = null;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.Contains('─') || l.Contains('┼') || l.Contains('┬') || l.Contains('┌')))
        {
            var cells = line.Split('│');
            if (cells.Length < 4) continue;
            var (name, text) = (cells[1].Trim(), cells[2].Trim());
            if (name == "problem") continue;
            if (name.Length > 0) problem = name;
            if (problem is null) continue;
            column[problem] = column.TryGetValue(problem, out var before) ? $"{before} {text}" : text;
        }
        return column;
    }

    [Fact]
    public void RunBelowOnePercent_WarnsOnStderrAndStillExitsZero()
    {
        var (code, output, err) = Cli.Run("solve", "heat1d", "--optimizer", "adam:3", "--hidden", "4", "--points", "16",
            "--boundary-points", "8", "--json", "--quiet");
        Assert.True(code == 0, err);
        Assert.True(LastJson(output).GetProperty("rel_l2").GetDouble() > 1e-2);
        var warning = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pinn: warning: this run did not reach rel. L2 1e-2", warning);
        Assert.Contains("pinn list", warning);
    }

    [Fact]
    public void AccurateRun_DoesNotWarn()
    {
        var (code, output, err) = Cli.Run("solve", "poisson2d", "--optimizer", "lm:40", "--hidden", "10", "--points", "100",
            "--boundary-points", "40", "--eval-every", "0", "--json", "--quiet");
        Assert.True(code == 0, err);
        Assert.True(LastJson(output).GetProperty("rel_l2").GetDouble() < 1e-2, output);
        Assert.DoesNotContain("warning", err);
    }

    [Fact]
    public void RecipeRun_RecordsItsResolvedSettings_AndResumesWithThem()
    {
        using var dir = Cli.TemporaryDirectory();
        string[] args = ["solve", "wave", "--optimizer", "adam:6", "--hidden", "6", "--points", "64", "--boundary-points", "30",
            "--eval-every", "2", "--checkpoint", dir["c.h5"], "--json", "--quiet"];
        var straight = Cli.Run([.. args, "--out", dir["r.h5"]]);
        Assert.True(straight.Code == 0, straight.Err);

        var record = Pinn.Verification.ResultsFile.Read(dir["r.h5"]);
        var recipe = ProblemCatalog.Get("wave").Recipe;
        Assert.Equal(true, record.Config["hard"]);
        Assert.Equal(recipe.Sampling, record.Config["sampling"]);
        Assert.Equal(recipe.Budget, record.Config["budget"]);
        Assert.Equal(string.Join(' ', recipe.Options.Where(o => o.Option is not ("--optimizer" or "--hidden" or "--points"))
            .SelectMany(o => o.Value is null ? [o.Option] : new[] { o.Option, o.Value })), record.Config["recipe"]);
        Assert.EndsWith("--no-recipe", (string)record.Config["solve_arguments"]);
        var verified = Cli.Run("verify", dir["r.h5"]);
        Assert.True(verified.Code == 0, verified.Out + verified.Err);

        // interrupted at step 3, the checkpoint holds the resolved arguments; resuming it ends where the straight run ended
        using var cancel = new CancellationTokenSource();
        var part = SolveArguments.Job(args).Run(new InterruptedRun.StopAt(3, cancel), cancel.Token);
        Assert.Equal(TrainingOutcome.Interrupted, part.Outcome);
        var checkpoint = Pinn.Verification.ResultsFile.Read(dir["c.h5"]).Checkpoint!;
        Assert.Equal(3, checkpoint.Step);
        Assert.Contains("--hard", checkpoint.Arguments);
        Assert.Equal(SolveRecipe.Off, checkpoint.Arguments[^1]);
        var resumed = Cli.Run("resume", dir["c.h5"]);
        Assert.True(resumed.Code == 0, resumed.Err);
        var (a, b) = (LastJson(straight.Out), LastJson(resumed.Out));
        Assert.Equal(a.GetProperty("steps").GetInt64(), b.GetProperty("steps").GetInt64());
        Assert.Equal(a.GetProperty("loss").GetDouble(), b.GetProperty("loss").GetDouble());
        Assert.Equal(a.GetProperty("rel_l2").GetDouble(), b.GetProperty("rel_l2").GetDouble());
    }
}
