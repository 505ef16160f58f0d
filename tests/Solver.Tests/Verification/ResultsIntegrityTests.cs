using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Cli;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using Pinn.Verification;
using Pinn.Verification.Solver;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>The public results-integrity property (<see cref="ResultsIntegrity"/>) on a run of a problem outside the
/// catalogue, written as <c>pinn solve --out</c> writes it.</summary>
public sealed class ResultsIntegrityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pinn-integrity-").FullName;

    private static Tensor Exact(Tensor x) => (Math.PI * x[.., 0]).sin() * x[.., 1];

    /// <summary>−Δu = π² sin(πx) y on the unit square, u = u* on its boundary.</summary>
    private static Problem Problem() => Physics.Problem.On(Domain.Box((0, 1), (0, 1)))
        .Interior(Sample.Halton(64), (u, x) => -u.Laplacian() - Math.PI * Math.PI * Exact(x))
        .Dirichlet(Sample.Halton(32), Exact)
        .WithSolution(Exact)
        .Named("sine-times-y");

    /// <summary>Trains a short run of seed <paramref name="seed"/> and writes its results file; returns the path and the record.</summary>
    private (string Path, RunRecord Record) Run(int seed)
    {
        var job = new SolveJob(Problem(), new MlpOptions(2, [6], Seed: seed), OptimizerSpec.Parse("lbfgs:20"),
            new TrainingOptions(Seed: seed, EvaluateEvery: 0), seed, "cpu", 1, null, []);
        var run = job.Run(SilentProgress.Instance);
        var path = Path.Combine(_folder, $"run{seed}.h5");
        var record = ResultsWriter.ToRecord(run, job);
        ResultsFile.Write(path, record);
        return (path, record);
    }

    [Fact]
    public void RunsOfAnySeed_Verify() =>
        Pinn.Verification.Optimizers.PropertyRun.Check(ResultsIntegrity.Property(seed => Run(seed).Path, _ => Problem()), 3);

    [Fact]
    public void RecordedErrorChanged_FailsNamingTheCheck()
    {
        var (path, record) = Run(0);
        var config = new OrderedDictionary<string, object>(record.Config) { ["rel_l2"] = (double)record.Config["rel_l2"] * 1.001 };
        ResultsFile.Write(path, record with { Config = config });   // a well-formed file whose number no longer matches its network
        var failure = ResultsIntegrity.Failure(path, Problem());
        Assert.NotNull(failure);
        Assert.Contains("check 'rel_l2' failed", failure);
        Assert.Throws<InvalidDataException>(() => ResultsIntegrity.Check(path, Problem()));
    }

    [Fact]
    public void FileOfAnotherProblem_DoesNotVerify()
    {
        var (path, _) = Run(0);
        var other = Problem().WithSolution(x => Exact(x) * 2);
        Assert.Contains("check 'exact solution' failed", ResultsIntegrity.Failure(path, other));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
