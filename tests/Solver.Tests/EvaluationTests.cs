using Pinn.Problems;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class EvaluationTests
{
    [Fact]
    public void Compute_System_ReportsEachOutputOnItsOwn()
    {
        var problem = new Kovasznay().Create(new ProblemOptions(16, 8));
        // A prediction with a known error per output: u exact, v off by 1e-3 relative, p off by 0.1 absolute.
        Tensor Predict(Tensor x)
        {
            var exact = Kovasznay.Exact(x);
            return stack([exact[.., 0], exact[.., 1] * 1.001, exact[.., 2] + 0.1], 1);
        }
        var e = Evaluation.Compute(problem, Predict, 400);
        Assert.Equal(["u", "v", "p"], e.OutputErrors.Select(o => o.Name));
        Assert.Equal(0, e.OutputErrors[0].Errors.RelativeL2, 15);
        Assert.Equal(1e-3, e.OutputErrors[1].Errors.RelativeL2, 12);
        Assert.Equal(0.1, e.OutputErrors[2].Errors.LInfinity, 12);
        // The stacked norm combines them: its squared absolute error is the mean of the outputs' squares.
        double combined = Math.Sqrt(e.OutputErrors.Average(o => o.Errors.AbsoluteL2 * o.Errors.AbsoluteL2));
        Assert.Equal(combined, e.Errors!.AbsoluteL2, 12);
    }

    [Fact]
    public void Compute_OneOutput_HasNoPerOutputErrors()
    {
        var problem = new Poisson2d().Create(new ProblemOptions(16, 8));
        var e = Evaluation.Compute(problem, x => Poisson2d.Exact(x) * 1.01, 100);
        Assert.Empty(e.OutputErrors);
        Assert.Equal(0.01, e.Errors!.RelativeL2, 12);
    }
}

public class InteriorSamplingTests
{
    [Theory]
    [InlineData("convection")]
    [InlineData("poisson2d")]
    [InlineData("kovasznay")]
    public void WithInteriorSampling_ChangesOnlyInteriorTerms(string name)
    {
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions());
        var halton = problem.WithInteriorSampling(Pinn.Physics.SamplingMethod.Halton);
        for (int t = 0; t < problem.Terms.Count; t++)
        {
            bool interior = ReferenceEquals(problem.Terms[t].Region, problem.Domain.Interior);
            Assert.Equal(interior ? Pinn.Physics.SamplingMethod.Halton : problem.Terms[t].Sample.Method, halton.Terms[t].Sample.Method);
            Assert.Equal(problem.Terms[t].Sample.Count, halton.Terms[t].Sample.Count);
        }
        Assert.Contains(halton.Terms, t => t.Sample.Method == Pinn.Physics.SamplingMethod.Halton);
    }
}
