using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems.Tests;

/// <summary>Hard-constrained forms: the conditions they drop hold exactly for any N, and the exact solution satisfies what remains.</summary>
public class HardFormTests
{
    public static TheoryData<string> HardNames => new(ProblemCatalog.All.Where(p => p.HardForm is not null).Select(p => p.Name));

    /// <summary>Every supported form: (name, hard, periodic embedding).</summary>
    public static TheoryData<string, bool, bool> Forms
    {
        get
        {
            var data = new TheoryData<string, bool, bool>();
            foreach (var p in ProblemCatalog.All)
            {
                if (p.HardForm is not null) data.Add(p.Name, true, false);
                if (p.PeriodicCoordinate is not null) data.Add(p.Name, false, true);
                if (p.HardForm is not null && p.PeriodicCoordinate is not null) data.Add(p.Name, true, true);
            }
            return data;
        }
    }

    /// <summary>A smooth "network" that is neither small nor aligned with anything: N(x) = sin(1.7x₁ − 0.4) cos(2.3x₂ + 0.9) + 0.6 x₁x₂ + 1.</summary>
    private static Tensor Random(Tensor p) => (1.7 * p[.., 0] - 0.4).sin() * (2.3 * p[.., 1] + 0.9).cos() + 0.6 * p[.., 0] * p[.., 1] + 1;

    [Theory]
    [MemberData(nameof(HardNames))]
    public void HardForm_DroppedConditions_HoldExactlyForAnyNetwork(string name)
    {
        using var scope = NewDisposeScope();
        var entry = ProblemCatalog.Get(name);
        var soft = entry.Create(new ProblemOptions());
        var hard = entry.Create(new ProblemOptions(Hard: true));
        Assert.NotNull(hard.Transform);
        // The hard form keeps the PDE terms (first in both forms) and drops conditions only.
        Assert.Equal(soft.Terms[0].Name, hard.Terms[0].Name);
        Assert.All(hard.Terms, h => Assert.Contains(soft.Terms, t => t.Name == h.Name));
        var dropped = soft.Terms.Where(t => hard.Terms.All(h => h.Name != t.Name)).ToArray();
        Assert.NotEmpty(dropped);
        Assert.All(dropped, t => Assert.False(t.Name.StartsWith("periodic", StringComparison.Ordinal)));
        var random = new Random(0);
        foreach (var term in dropped)
        {
            var x = term.Region.Draw(term.Sample, random);
            // One "network" column per output, each a different smooth function.
            var field = new Field(new AutogradSource(p => hard.Transform!.Apply(p,
                stack(Enumerable.Range(0, hard.Outputs).Select(k => Random(p + 0.3 * k)).ToArray(), 1)), x), hard.Domain.TimeIndex);
            double max = term.Evaluate(field, x).abs().max().item<double>();
            Assert.True(max <= 1e-14, $"{name}/{term.Name}: max |residual| = {max:E3} for u = A + B·N");
        }
    }

    [Fact]
    public void Convection_HardForm_InitialValueIsSinX_AndWaveVelocityVanishes()
    {
        using var scope = NewDisposeScope();
        var x = linspace(0, 2 * Math.PI, 33, dtype: ScalarType.Float64);
        var initial = stack([x, zeros_like(x)], 1);
        var convection = new Convection().Create(new ProblemOptions(Hard: true));
        var u = convection.Transform!.Apply(initial, Random(initial).unsqueeze(1)).squeeze(1);
        Assert.True((u - x.sin()).abs().max().item<double>() <= 1e-14);

        var wave = new Wave().Create(new ProblemOptions(Hard: true));
        var y = linspace(0, 1, 33, dtype: ScalarType.Float64);
        var slice = stack([y, zeros_like(y)], 1);
        var source = new AutogradSource(p => wave.Transform!.Apply(p, Random(p).unsqueeze(1)), slice);
        Assert.True(source.First(1, 0).abs().max().item<double>() <= 1e-14);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void ExactSolution_SatisfiesTheRemainingTerms_OfEveryForm(string name, bool hard, bool periodic)
    {
        using var scope = NewDisposeScope();
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions(Hard: hard, PeriodicEmbedding: periodic));
        Assert.Equal(periodic, problem.Embeddings.Count == 1);
        Assert.DoesNotContain(problem.Terms, t => periodic && t.Name.StartsWith("periodic", StringComparison.Ordinal));
        var random = new Random(0);
        foreach (var term in problem.Terms)
        {
            var x = term.Region.Draw(term.Sample, random);
            var field = new Field(new AutogradSource(problem.Solution!, x), problem.Domain.TimeIndex);
            double max = term.Evaluate(field, x).abs().max().item<double>();
            Assert.True(max < CatalogueTests.Tolerance(name), $"{name} (hard {hard}, periodic {periodic})/{term.Name}: max |residual| = {max:E3}");
        }
    }

    [Theory]
    [InlineData("poisson5d", true, false, "--hard")]
    [InlineData("heat1d", false, true, "--periodic")]
    public void Create_UnsupportedForm_ThrowsNamingTheOption(string name, bool hard, bool periodic, string option)
    {
        var e = Assert.Throws<ArgumentException>(() => ProblemCatalog.Get(name).Create(new ProblemOptions(Hard: hard, PeriodicEmbedding: periodic)));
        Assert.StartsWith(option, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
