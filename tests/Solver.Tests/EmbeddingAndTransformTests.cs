using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Input embeddings and hard constraints on every path: Taylor pass, Jacobian taps, K-FAC, Hessian, autograd.</summary>
public class EmbeddingAndTransformTests
{
    private static readonly Activation[] Activations = Enum.GetValues<Activation>();

    private static double Relative(Tensor a, Tensor b) => ((a - b).abs().max() / (b.abs().max() + 1e-300)).item<double>();

    /// <summary>The variants under test: 0 periodic, 1 Fourier features, 2 periodic + Fourier, 3 transform, 4 periodic + transform, 5 all.</summary>
    private static Problem Variant(Problem problem, int variant, long seed)
    {
        bool periodic = variant is 0 or 2 or 4 or 5, fourier = variant is 1 or 2 or 5, transform = variant >= 3;
        if (periodic) problem = problem.WithPeriodicEmbedding(0, harmonics: 1 + (int)(seed & 1));
        if (fourier) problem = problem.WithEmbedding(new FourierFeatures(0.7, 5, seed));
        if (transform)
            problem = problem.WithTransform(p => (p[.., 0] * 1.3).sin() * p[.., 1] + p[.., 1].square(),
                p => (p[.., 0] - p[.., 1]).cos() * p[.., 1] + 0.2 * p[.., 0]);
        return problem;
    }

    /// <summary>u_t − 0.3 u_xx + u u_x − sin x on x ∈ [−1, 2], t ∈ [0, 1], with a value-only and a derivative-only condition.</summary>
    private static Problem Base(int points) =>
        Problem.On(Domain.SpaceTime(Domain.Box((-1, 2)), (0, 1)))
            .Interior(Sample.Halton(points), (u, x) => u.Dt() - 0.3 * u.D2(0) + u.Value * u.D(0) - x[.., 0].sin())
            .Initial(Sample.Halton(points / 2), x => x[.., 0].cos())
            .Boundary(Sample.Halton(points / 2), (u, x) => u.D(0) + u.Laplacian() * 0.5, weight: 3.0);

    [Property(MaxTest = 30)]
    public Property TaylorPass_WithEmbeddingOrTransform_EqualsNestedAutogradOfForward(PositiveInt width, PositiveInt depth, int seed, PositiveInt act, PositiveInt variant)
    {
        using var scope = NewDisposeScope();
        var activation = Activations[act.Get % Activations.Length];
        var problem = Variant(Base(8), variant.Get % 6, seed);
        using var net = Mlp.For(problem, new MlpOptions(2, Enumerable.Repeat(1 + width.Get % 12, 1 + depth.Get % 3).ToArray(), 1, activation, Seed: seed));
        var x = Points.ToTensor(problem.Domain.Bounds.FromUnit(Halton.Points(13, 2, (uint)Math.Abs(seed % 1000))));
        var request = new DerivativeRequest();
        double[] laplace = [1, 0], weighted = [0.5, -2];
        request.AddValue();
        request.AddFirst();
        request.AddSecond(laplace);
        request.AddSecond(weighted);
        var taylor = new TaylorSource(net, net.Parameters, x, request);
        var nested = new AutogradSource(p => net.Forward(net.Parameters, p), x);
        double val = Relative(taylor.Value(0), nested.Value(0));
        double grad = Enumerable.Range(0, 2).Max(k => Relative(taylor.First(k, 0), nested.First(k, 0)));
        double second = Math.Max(Relative(taylor.Second(laplace, 0), nested.Second(laplace, 0)), Relative(taylor.Second(weighted, 0), nested.Second(weighted, 0)));
        return (val <= 1e-12 && grad <= 1e-10 && second <= 1e-10)
            .Label($"variant {variant.Get % 6} {activation}: value {val:E2} grad {grad:E2} second {second:E2}");
    }

    [Property(MaxTest = 15)]
    public Property FastJacobian_WithEmbeddingAndTransform_EqualsRowByRowAutograd(PositiveInt width, int seed, PositiveInt act, PositiveInt variant)
    {
        using var scope = NewDisposeScope();
        var problem = Variant(Base(12), variant.Get % 6, seed);
        var activation = Activations[act.Get % Activations.Length];
        using var net = Mlp.For(problem, new MlpOptions(2, [1 + width.Get % 8, 5], 1, activation, Seed: seed));
        using var fast = new PinnObjective(problem, net);
        using var slow = new PinnObjective(problem, net) { ForceAutograd = true };
        var (r1, j1) = fast.ResidualsAndJacobian(net.Parameters);
        var (r2, j2) = slow.ResidualsAndJacobian(net.Parameters);
        double dj = Relative(j1, j2), dr = Relative(r1, r2);
        return (dj <= 1e-11 && dr <= 1e-12).Label($"variant {variant.Get % 6} {activation}: J {dj:E2}, r {dr:E2}");
    }

    [Fact]
    public void Jacobian_WithEmbeddingAndTransform_EqualsFiniteDifferencesOfResiduals()
    {
        using var scope = NewDisposeScope();
        var problem = Variant(Base(10), 5, 3);
        using var net = Mlp.For(problem, new MlpOptions(2, [6], Seed: 2));
        using var objective = new PinnObjective(problem, net);
        var theta = net.Parameters.clone();
        var (_, jacobian) = objective.ResidualsAndJacobian(theta);
        const double h = 1e-6;
        for (long i = 0; i < theta.shape[0]; i += 7)
        {
            var plus = theta.clone(); plus[i] += h;
            var minus = theta.clone(); minus[i] -= h;
            var column = (objective.Residuals(plus) - objective.Residuals(minus)) / (2 * h);
            Assert.True((column - jacobian[.., i]).abs().max().item<double>() <= 1e-6 * (1 + column.abs().max().item<double>()), $"column {i}");
        }
    }

    [Fact]
    public void GradientHessianAndKroneckerFactors_WithEmbeddingAndTransform_AgreeWithAutogradPath()
    {
        using var scope = NewDisposeScope();
        var problem = Variant(Base(16), 5, 7);
        using var net = Mlp.For(problem, new MlpOptions(2, [6, 6], Seed: 5));
        using var fast = new PinnObjective(problem, net);
        using var slow = new PinnObjective(problem, net) { ForceAutograd = true };
        var (l1, g1) = fast.ValueAndGradient(net.Parameters);
        var (l2, g2) = slow.ValueAndGradient(net.Parameters);
        Assert.Equal(l2, l1, 1e-12 * l2);
        Assert.True(Relative(g1, g2) <= 1e-11);

        var v = randn(net.ParameterCount, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(5));
        using (var taylor = fast.Expand(net.Parameters))
        using (var nested = slow.Expand(net.Parameters))
            Assert.True(Relative(taylor.Hessian.Apply(v), nested.Hessian.Apply(v)) <= 1e-10);

        var kronecker = fast.KroneckerFactors(net.Parameters);
        Assert.Equal(l1, kronecker.Loss, 1e-12 * l1);
        Assert.True(Relative(kronecker.Gradient, g1) <= 1e-11);
    }

    [Fact]
    public void PeriodicEmbedding_NetworkAndDerivatives_AreExactlyPeriodic()
    {
        using var scope = NewDisposeScope();
        var problem = new Convection().Create(new ProblemOptions(PeriodicEmbedding: true));
        using var net = Mlp.For(problem, new MlpOptions(2, [16, 16], Seed: 1));
        var t = linspace(0, 1, 11, dtype: ScalarType.Float64);
        var left = stack([zeros_like(t), t], 1);
        var right = stack([full_like(t, 2 * Math.PI), t], 1);
        var a = new AutogradSource(p => net.Forward(net.Parameters, p), left);
        var b = new AutogradSource(p => net.Forward(net.Parameters, p), right);
        Assert.True((a.Value(0) - b.Value(0)).abs().max().item<double>() <= 1e-13);
        Assert.True((a.First(0, 0) - b.First(0, 0)).abs().max().item<double>() <= 1e-12);
        Assert.True((a.Second([1, 0], 0) - b.Second([1, 0], 0)).abs().max().item<double>() <= 1e-11);
    }

    [Fact]
    public void FourierFeaturesWithPeriodicEmbedding_StayPeriodic_AndSeedChangesTheDraw()
    {
        using var scope = NewDisposeScope();
        var problem = new Convection().Create(new ProblemOptions(PeriodicEmbedding: true)).WithEmbedding(new FourierFeatures(2, 16, 4));
        using var net = Mlp.For(problem, new MlpOptions(2, [8], Seed: 1));
        Assert.Equal(2 + 2 * 16, net.Layers[0].In);
        var t = linspace(0, 1, 7, dtype: ScalarType.Float64);
        var left = net.Predict(stack([zeros_like(t), t], 1));
        var right = net.Predict(stack([full_like(t, 2 * Math.PI), t], 1));
        Assert.True((left - right).abs().max().item<double>() <= 1e-12);
        using var other = Mlp.For(problem with { Embeddings = [problem.Embeddings[0], new FourierFeatures(2, 16, 5)] }, new MlpOptions(2, [8], Seed: 1));
        Assert.False(net.Features!.Frequencies.allclose(other.Features!.Frequencies));
    }

    [Fact]
    public void PinnObjective_NetworkWithoutTheProblemsTransform_Throws()
    {
        var problem = new Heat1d().Create(new ProblemOptions(16, 8, Hard: true));
        using var plain = new Mlp(new MlpOptions(2, [4]), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var e = Assert.Throws<ArgumentException>(() => new PinnObjective(problem, plain));
        Assert.Contains("Mlp.For", e.Message);
    }

    public static TheoryData<string, bool, bool> PeriodicForms => new()
    {
        { "convection", false, true }, { "reaction", false, true }, { "allen-cahn", false, true },
        { "convection", true, true }, { "reaction", true, true }, { "allen-cahn", true, true },
    };

    /// <summary>The periodic term the embedding replaces holds for a random network (for allen-cahn with the hard form only in value: see its remarks).</summary>
    [Theory]
    [MemberData(nameof(PeriodicForms))]
    public void PeriodicEmbedding_DroppedPeriodicTerm_HoldsForRandomNetwork(string name, bool hard, bool periodic)
    {
        using var scope = NewDisposeScope();
        var entry = ProblemCatalog.Get(name);
        var soft = entry.Create(new ProblemOptions());
        var embedded = entry.Create(new ProblemOptions(Hard: hard, PeriodicEmbedding: periodic));
        Assert.DoesNotContain(embedded.Terms, t => t.Name.StartsWith("periodic", StringComparison.Ordinal));
        using var net = Mlp.For(embedded, new MlpOptions(2, [12, 12], Seed: 3, Activation: Activation.Sin));
        var term = soft.Terms.Single(t => t.Name.StartsWith("periodic", StringComparison.Ordinal));
        var x = term.Region.Draw(term.Sample, new Random(0));
        var r = term.Evaluate(new Field(new AutogradSource(p => net.Forward(net.Parameters, p), x), soft.Domain.TimeIndex), x);
        long pairs = x.shape[0] / 2;
        var value = r[..(int)pairs];   // the first block: u on the two faces
        Assert.True(value.abs().max().item<double>() <= 1e-12, $"{name}: max |u(lower) − u(upper)| = {value.abs().max().item<double>():E2}");
        if (!hard) Assert.True(r.abs().max().item<double>() <= 1e-11, $"{name}: max |periodic residual| = {r.abs().max().item<double>():E2}");
    }
}
