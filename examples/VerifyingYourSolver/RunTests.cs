using Pinn.Optimizers;
using Pinn.Solver.Cli;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using Pinn.Verification;
using Pinn.Verification.Solver;

namespace VerifyingYourSolver;

/// <summary>Can a run's results be trusted? A short run of the new PDE, written as <c>pinn solve --out</c> writes it,
/// verifies, and re-evaluating it reproduces every number it recorded.</summary>
public sealed class RunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verifying-your-solver-").FullName;

    [Fact]
    public void ResultsFile_Verifies()
    {
        var exact = new Pinn.Verification.Solver.SmoothFunction(3, false,
            [new SmoothProduct(1, [new SineFactor(Math.PI, 0), SmoothFactor.Monomial(1), SmoothFactor.Monomial(1)])]);
        var problem = AnisotropicPoisson.Manufactured(exact, SeededBugs.FromEnvironment());
        var job = new SolveJob(problem, new MlpOptions(3, [8]), OptimizerSpec.Parse("lbfgs:20"), new TrainingOptions(EvaluateEvery: 0),
            Seed: 0, Device: "cpu", Threads: 1, OutPath: null, CommandLine: []);
        var run = job.Run(SilentProgress.Instance);
        var path = Path.Combine(_folder, "run.h5");
        ResultsFile.Write(path, ResultsWriter.ToRecord(run, job));
        ResultsIntegrity.Check(path, problem);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
