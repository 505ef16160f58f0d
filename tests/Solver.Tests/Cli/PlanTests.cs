using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

/// <summary>Plans: written by study and bench, read back, run line by line or all at once, gathered.</summary>
[Collection("console")]
public class PlanTests
{
    private static readonly string[] Study =
        ["study", "poisson2d", "--vary", "seed=0,1", "--vary", "optimizer=adam:30;engd:4", "--hidden", "6", "--points", "25", "--boundary-points", "12"];

    [Fact]
    public void StudyPlan_TwoVariedKeys_OneLinePerCombinationWithFullSolveArguments()
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, output, err) = Cli.Run([.. Study, "--checkpoint-every", "10", "--plan", dir["sweep/study.plan"]]);
        Assert.True(code == 0, err);
        Assert.Contains("pinn submit", output);
        var plan = PlanFile.Read(dir["sweep/study.plan"]);
        Assert.Equal(PlanHeader.Study, plan.Header.Kind);
        Assert.Equal(["seed", "optimizer"], plan.Header.Keys);
        Assert.Equal(".", plan.Header.Out);
        Assert.Equal(["seed=0 optimizer=adam:30", "seed=0 optimizer=engd:4", "seed=1 optimizer=adam:30", "seed=1 optimizer=engd:4"],
            plan.Entries.Select(e => e.Label));
        var e = plan.Entries[3];
        Assert.Equal(["solve", "poisson2d", "--optimizer", "engd:4", "--hidden", "6", "--points", "25", "--boundary-points", "12", "--seed", "1",
            "--threads", "1", "--eval-every", "0", "--checkpoint-every", "10", "--out", e.Results, "--no-recipe", "--quiet"], e.Arguments);
        Assert.StartsWith("runs/003-", e.Results);
        Assert.False(Directory.Exists(dir["sweep/runs"]));   // nothing ran
    }

    [Fact]
    public void RunPlanAll_ThenGather_SameTableAsLocalStudyBitForBit()
    {
        using var dir = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run([.. Study, "--plan", dir["plan/study.plan"]]).Code);
        var (code, _, err) = Cli.Run("run-plan", dir["plan/study.plan"], "--all", "--jobs", "2", "-q");
        Assert.True(code == 0, err);
        (code, _, err) = Cli.Run("gather", dir["plan"], "-q");
        Assert.True(code == 0, err);
        (code, _, err) = Cli.Run([.. Study, "--out", dir["local"], "--quiet"]);
        Assert.True(code == 0, err);
        Assert.Equal(WithoutSeconds(dir["local/study.csv"]), WithoutSeconds(dir["plan/study.csv"]));
        Assert.Equal(5, File.ReadAllLines(dir["plan/study.csv"]).Length);
        Assert.True(File.Exists(dir["plan/study.figure.png"]));
    }

    [Fact]
    public void RunPlanIndex_InterruptedThenRerun_ResumesAndEqualsUninterruptedRun()
    {
        using var dir = Cli.TemporaryDirectory();
        string[] study = ["study", "poisson2d", "--vary", "seed=3,4", "--optimizer", "adam:3000,lbfgs:200", "--hidden", "12", "--points", "64",
            "--boundary-points", "24", "--checkpoint-every", "20"];
        Assert.Equal(0, Cli.Run([.. study, "--plan", dir["a/study.plan"]]).Code);
        Assert.Equal(0, Cli.Run([.. study, "--plan", dir["b/study.plan"]]).Code);
        var plan = PlanFile.Read(dir["a/study.plan"]);
        var checkpoint = plan.Resolve(plan.Entries[0].Checkpoint);

        using (var part = Cli.StartInterruptible(dir.Path, "run-plan", dir["a/study.plan"], "--index", "0"))
        {
            for (int i = 0; i < 600 && !File.Exists(checkpoint) && !part.HasExited; i++) Thread.Sleep(50);
            using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", part.Id.ToString()])) kill.WaitForExit();
            part.WaitForExit();
            Assert.True(part.ExitCode == ExitCodes.Interrupted, $"exit {part.ExitCode}: {part.StandardError.ReadToEnd()}");
        }
        Assert.Equal(RunProgress.Incomplete, RunState.Of(plan, plan.Entries[0]).Progress);
        var (code, _, err) = Cli.RunChild(dir.Path, "run-plan", dir["a/study.plan"], "--index", "0");
        Assert.True(code == 0, err);
        Assert.Contains("resuming from", err);
        Assert.Contains("is done already", Cli.Run("run-plan", dir["a/study.plan"], "--index", "0").Err);
        // The resumed and the straight run go in child processes, as the interrupted one did: a garbage collection that
        // runs while the training thread is inside a native call can finalize a TorchSharp Scalar that call still reads
        // (TorchSharp passes raw handles; seen as libtorch's "Expected false to be true" in 2 of 3 loaded runs of this test
        // when the runs were in-process). Background collection, the usual cause, is now off (README, "Memory"); in this
        // process the runner's own threads allocate, and a blocking collection they trigger can still meet the race.
        var straightRun = Cli.RunChild(dir.Path, "run-plan", dir["b/study.plan"], "--index", "0");
        Assert.True(straightRun.Code == 0, $"exit {straightRun.Code}: {straightRun.Err}");

        var resumed = RunState.Of(plan, plan.Entries[0]).Record!;
        var planB = PlanFile.Read(dir["b/study.plan"]);
        var straight = RunState.Of(planB, planB.Entries[0]).Record!;
        foreach (var key in new[] { "steps", "loss", "rel_l2", "abs_l2", "linf" })
            Assert.Equal(straight.Config[key], resumed.Config[key]);
    }

    [Fact]
    public void Gather_FailedAndMissingRuns_ListsThemAndExitsOne()
    {
        using var dir = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run([.. Study, "--plan", dir["study.plan"]]).Code);
        var lines = File.ReadAllLines(dir["study.plan"]);
        lines[2] = lines[2].Replace("\"engd:4\",\"--hidden\"", "\"engd:4:damping=-1\",\"--hidden\"");   // run 1 fails
        File.WriteAllLines(dir["study.plan"], lines);
        Assert.Equal(0, Cli.Run("run-plan", dir["study.plan"], "--index", "0").Code);
        Assert.NotEqual(0, Cli.Run("run-plan", dir["study.plan"], "--index", "1").Code);

        var (code, output, err) = Cli.Run("gather", dir["study.plan"]);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("run 1 (seed=0 optimizer=engd:4): failed, exit 2", err);
        Assert.Contains("damping", err);
        Assert.Contains("run 3 (seed=1 optimizer=engd:4): missing, not run yet", err);
        Assert.Contains("Not in the table (3 of 4 runs)", output);
        Assert.Equal(2, File.ReadAllLines(dir["study.csv"]).Length);
    }

    [Theory]
    [InlineData("{\"pinn_plan\":2,\"kind\":\"study\",\"out\":\".\"}", "line 1")]
    [InlineData("not json", "line 1: not valid JSON")]
    public void RunPlan_DamagedPlan_ExitsTwoNamingTheLine(string header, string expected)
    {
        using var dir = Cli.TemporaryDirectory();
        File.WriteAllText(dir["p.plan"], header + "\n");
        var (code, _, err) = Cli.Run("run-plan", dir["p.plan"], "--index", "0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void RunPlan_EditedResultsPath_ExitsTwoNamingTheLine()
    {
        using var dir = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run([.. Study, "--plan", dir["study.plan"]]).Code);
        var lines = File.ReadAllLines(dir["study.plan"]);
        lines[3] = lines[3].Replace("\"results\":\"runs/002", "\"results\":\"runs/x");
        File.WriteAllLines(dir["study.plan"], lines);
        var (code, _, err) = Cli.Run("run-plan", dir["study.plan"], "--all");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("line 4: args must hold --out", err);
    }

    [Theory]
    [InlineData("--index", "9", "outside the plan's runs 0..3")]
    [InlineData("--jobs", "2", "either --index I")]
    public void RunPlan_BadSelection_ExitsTwo(string option, string value, string expected)
    {
        using var dir = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run([.. Study, "--plan", dir["study.plan"]]).Code);
        var (code, _, err) = Cli.Run("run-plan", dir["study.plan"], option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void BenchPlan_OneLinePerCaseWithBudgetAndTimedEvaluations()
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, _, err) = Cli.Run("bench", "--only", "heat1d", "--budget", "3", "--plan", dir["bench.plan"]);
        Assert.True(code == 0, err);
        var plan = PlanFile.Read(dir["bench.plan"]);
        Assert.Equal(PlanHeader.Bench, plan.Header.Kind);
        Assert.Equal(3.0, plan.Header.Budget);
        Assert.Equal(Pinn.Optimizers.OptimizerCatalog.Default.Descriptors.Count + 1, plan.Entries.Count);
        Assert.All(plan.Entries, e =>
        {
            Assert.Equal("heat1d", e["problem"]);
            Assert.Contains("--eval-time-ratio", e.Arguments);
            Assert.Equal("3", e.Arguments[e.Arguments.ToList().IndexOf("--budget") + 1]);
        });
        Assert.Equal(ExitCodes.Usage, Cli.Run("bench", "--against-torch", "--plan", dir["t.plan"]).Code);
    }

    private static string[] WithoutSeconds(string csv) =>
        File.ReadAllLines(csv).Select(l => { var f = l.Split(','); return string.Join(',', f.Where((_, i) => i != f.Length - 5)); }).ToArray();
}
