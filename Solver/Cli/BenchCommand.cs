using System.Globalization;
using Pinn.Solver.Bench;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn bench [--suite quick|paper] [--budget S] [--out DIR] [--against-torch]</c>: every case of a suite
/// under a wall-clock budget; writes results.md, results.csv, curves.csv and error-against-time figures.
/// </summary>
public sealed class BenchCommand : Command<BenchSettings>
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchSettings s, CancellationToken cancellationToken)
    {
        var suite = s.Suite.Trim().ToLowerInvariant();
        if (!BenchSuites.Names.Contains(suite)) throw new UsageException($"--suite must be one of {string.Join(", ", BenchSuites.Names)} (got '{s.Suite}')");
        double budget = s.Budget is null ? BenchSuites.DefaultBudget(suite) : Arguments.NonNegativeNumber("--budget", s.Budget);
        if (budget <= 0) throw new UsageException("--budget must be positive");
        double torchBudget = Arguments.NonNegativeNumber("--torch-budget", s.TorchBudget);
        int checkpointEvery = Arguments.NonNegative("--checkpoint-every", s.CheckpointEvery), jobs = Arguments.Positive("--jobs", s.Jobs);
        if (s.Plan is not null && s.AgainstTorch) throw new UsageException("--against-torch runs here and cannot be planned; drop it from the --plan command");
        var cases = BenchSuites.Cases(suite).Where(c => s.Only is null || c.Problem.Contains(s.Only) || c.Label.Contains(s.Only)).ToList();
        if (cases.Count == 0 && !s.AgainstTorch) throw new UsageException($"--only '{s.Only}' matches no case of the {suite} suite");
        foreach (var c in cases) BenchRunner.Job(c, budget);   // validate every case before the first run
        var directory = s.Out ?? (s.Plan is null ? $"bench-{suite}" : Path.GetDirectoryName(Path.GetFullPath(s.Plan))!);
        var plan = BenchPlan.Of(suite, budget, cases, directory, "pinn bench " + ShellWords.Join(context.Arguments.SkipWhile(a => a == "bench")), checkpointEvery);
        if (s.Plan is not null) return LocalPlan.Announce(s.Plan, plan);

        var written = plan;
        if (cases.Count > 0)
        {
            (written, var outcome) = LocalPlan.Run(plan, Path.Combine(directory, "bench.plan"), jobs, s.Quiet, "bench");
            if (outcome.Interrupted) return ExitCodes.Interrupted;
        }
        else Directory.CreateDirectory(directory);
        var torch = s.AgainstTorch ? CompareWithTorch(s, torchBudget, directory, cancellationToken) : null;
        var report = PlanReport.Write(written, PlanReport.States(written), torch);
        Console.WriteLine(report.Markdown);
        Console.WriteLine($"wrote {Path.Combine(directory, "results.md")}, results.csv, curves.csv and {report.Files.Count - 3} figure files");
        return report.Absent.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static TorchComparison CompareWithTorch(BenchSettings s, double budget, string directory, CancellationToken cancel)
    {
        const int AdamSteps = 1000;
        const double LearningRate = 1e-3;
        var ours = new BenchCase("poisson2d", "adam→lbfgs", $"adam:{AdamSteps}:lr={LearningRate.ToString(C)},lbfgs:1000000");
        var job = BenchRunner.Job(ours, budget);
        var config = Path.Combine(directory, "torch-config.json");
        TorchReference.WriteConfig(config, job, AdamSteps, LearningRate, budget);
        Progress(s, $"against torch: PyTorch reference, budget {budget:G4} s ...");
        var torch = TorchReference.Run(config);
        Progress(s, string.Create(C, $"against torch: PyTorch rel. L2 {torch.RelativeL2:E2}, {torch.AdamMsPerStep:F2} ms per Adam step"));
        var ourResult = BenchRunner.Run(ours, budget, cancel);
        Progress(s, string.Create(C, $"against torch: toolkit adam→lbfgs rel. L2 {ourResult.RelativeL2:E2}, {ourResult.AdamMsPerStep:F2} ms per Adam step"));
        var second = new List<BenchResult>();
        foreach (var name in new[] { "engd-nystrom", "kfac", "nncg" })
        {
            if (Pinn.Optimizers.OptimizerCatalog.Default.Find(name) is null) continue;
            var r = BenchRunner.Run(new BenchCase("poisson2d", name, $"{name}:1000000"), budget, cancel);
            second.Add(r);
            Progress(s, $"against torch: toolkit {name}: " + (r.Failure ?? string.Create(C, $"rel. L2 {r.RelativeL2:E2}, 1e-3 after {r.TimeTo1e3:F2} s")));
        }
        var widths = string.Join("-", job.Network.Widths);
        var setup = $"poisson2d, network {widths} tanh ({job.Network.Widths.Zip(job.Network.Widths.Skip(1), (a, b) => (a + 1) * b).Sum()} parameters), " +
            $"{job.Problem.Terms[0].Sample.Count} + {job.Problem.Terms[1].Sample.Count} points, boundary weight {job.Problem.Terms[1].Weight:G}, " +
            string.Create(C, $"Adam {AdamSteps} steps (lr {LearningRate:G}) then L-BFGS until the budget of {budget:G4} s.");
        return new TorchComparison("poisson2d", setup, torch, ourResult, second);
    }

    private static void Progress(BenchSettings s, string line)
    {
        if (!s.Quiet) Console.Error.WriteLine(line);
    }
}
