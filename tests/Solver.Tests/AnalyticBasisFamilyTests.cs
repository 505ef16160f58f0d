using System.Numerics;
using Pinn.Solver.Cli;
using Pinn.Solver.Singularity;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>The far-power families' own length and modes, the local Möbius family and the constant-at-infinity row.</summary>
[Collection("console")]
public class AnalyticBasisFamilyTests
{
    private static readonly AnalyticLocalFamily Dip = new(0.175, 0.03, 6);

    /// <summary>J = 4 far powers with K_f = 3 modes at L_f = 20, the regular family with K = 5 at L = 0.5, the local family.</summary>
    private static AnalyticProfileBasis Mixed(double farLength = 20) => new(4, 5, 0.5, regular: true, farModes: 3, farLength: farLength, local: Dip);

    private static Complex[] At(AnalyticProfileBasis basis, double y, double lambda)
    {
        int n = basis.Count;
        var b = new Complex[4 * n];
        basis.Evaluate(y, lambda, b.AsSpan(0, n), b.AsSpan(n, n), b.AsSpan(2 * n, n), b.AsSpan(3 * n, n));
        return b;
    }

    [Fact]
    public void Layout_CountsEachFamilyWithItsOwnModes()
    {
        var basis = Mixed();
        Assert.Equal(12, basis.RegularStart);
        Assert.Equal(17, basis.LocalStart);
        Assert.Equal(23, basis.Count);
        var plain = new AnalyticProfileBasis(3, 4, 0.7, regular: true);
        Assert.Equal((4, 0.7, 16), (plain.FarModes, plain.FarLength, plain.Count));
    }

    [Theory]
    [InlineData(0.17)]
    [InlineData(2.5)]
    [InlineData(-40.0)]
    public void Derivatives_InYAndLambda_MatchCentralDifferences(double y)
    {
        var basis = Mixed();
        int n = basis.Count;
        double lambda = 0.61, h = 1e-6 * (1 + Math.Abs(y));
        var b0 = At(basis, y, lambda);
        var (yp, ym) = (At(basis, y + h, lambda), At(basis, y - h, lambda));
        var (lp, lm) = (At(basis, y, lambda + 1e-6), At(basis, y, lambda - 1e-6));
        for (int i = 0; i < n; i++)
        {
            Assert.True(Complex.Abs((yp[i] - ym[i]) / (2 * h) - b0[n + i]) < 1e-6 * (1 + Complex.Abs(b0[n + i])), $"d/dy {i}");
            Assert.True(Complex.Abs((lp[i] - lm[i]) / 2e-6 - b0[2 * n + i]) < 1e-7 * (1 + Complex.Abs(b0[2 * n + i])), $"d/dλ {i}");
        }
        for (int i = basis.LocalStart; i < n; i++) Assert.Equal(Complex.Zero, b0[2 * n + i]);
    }

    [Fact]
    public void Parity_EveryFunctionHasConjugateSymmetry()
    {
        var basis = Mixed();
        foreach (double y in new[] { 0.03, 0.175, 0.9, 33.0 })
        {
            var (plus, minus) = (At(basis, y, 0.61), At(basis, -y, 0.61));
            for (int i = 0; i < basis.Count; i++)
                Assert.True(Complex.Abs(minus[i] - Complex.Conjugate(plus[i])) < 1e-13 * (1 + Complex.Abs(plus[i])), $"y = {y}, function {i}");
        }
    }

    [Fact]
    public void TaylorSeries_MatchesValuesNearTheOrigin()
    {
        var basis = Mixed();
        int n = basis.Count;
        double lambda = 0.61, y = 1e-3;
        var (series, seriesLambda) = basis.Series(lambda, 10);
        var b = At(basis, y, lambda);
        for (int i = 0; i < n; i++)
        {
            Complex sum = 0, sumLambda = 0;
            for (int m = 10; m >= 0; m--) (sum, sumLambda) = (sum * y + series[i][m], sumLambda * y + seriesLambda[i][m]);
            Assert.True(Complex.Abs(sum - b[i]) < 1e-12 * (1 + Complex.Abs(b[i])), $"value {i}: {sum} vs {b[i]}");
            Assert.True(Complex.Abs(sumLambda - b[2 * n + i]) < 1e-13, $"λ-derivative {i}");
        }
    }

    /// <summary>
    /// (Im b)' = H[(Re b)'] for the new families, against the FFT transform on the line. The derivatives decay (like |y|^(−2)
    /// for the local and regular families, |y|^(γ−1) for a far power), and the FFT grid is dilated by the family's length
    /// (H commutes with dilations), so that its algebraic tail error falls below 1e-12 on 2^14 points.
    /// </summary>
    [Theory]
    [InlineData(3 * 3 + 2, 20.0, 0.2)]    // far power j = 3 (γ = 7/3 at λ = 0.2), mode 2, at L_f = 20
    [InlineData(12 + 4, 0.5, 0.5)]        // regular family, mode 4, at L = 0.5
    [InlineData(17, 1.0, 0.5)]            // local family, k = 1
    [InlineData(17 + 5, 1.0, 0.5)]        // local family, k = 6
    public void ImaginaryPart_IsTheHilbertTransformOfTheRealPart(int index, double dilation, double lambda)
    {
        var basis = Mixed();
        int n = basis.Count;
        var y = HilbertTransform.Grid(1 << 14);
        var re = new double[y.Length];
        var im = new double[y.Length];
        for (int k = 0; k < y.Length; k++)
        {
            var b = At(basis, dilation * y[k], lambda);
            (re[k], im[k]) = (b[n + index].Real, b[n + index].Imaginary);
        }
        var h = HilbertTransform.Apply(re);
        double scale = im.Max(Math.Abs), worst = h.Zip(im, (a, c) => Math.Abs(a - c)).Max() / scale;
        Assert.True(worst < 1e-12, $"max |H[Re b'] − Im b'| = {worst:E3} (relative)");
    }

    [Fact]
    public void Jacobian_WithLocalFamilyAndInfinityRow_EqualsCentralDifferences()
    {
        var equation = new CcfProfileEquation();
        var random = new Random(3);
        var basis = Mixed();
        var trainable = new AnalyticStage(basis, 1, Enumerable.Range(0, basis.Count).Select(_ => random.NextDouble() - 0.5).ToArray());
        var weights = new AnalyticProfileWeights(0.9, 1.3, Infinity: 2);
        var objective = new AnalyticProfileObjective(equation, 0, [], trainable, [0.05, 0.17, 0.7, 3, 40], weights, null);
        using var scope = NewDisposeScope();
        var theta = tensor([.. trainable.Coefficients, 0.61], dtype: ScalarType.Float64);
        var (r, j) = objective.ResidualsAndJacobian(theta);
        Assert.Equal(5 + 2 + 1 + 1, objective.ResidualCount);   // points, conditions, origin, infinity
        Assert.Equal(2 * trainable.Coefficients.Skip(12).Take(5).Sum(), r[8].item<double>(), 14);
        for (int p = 0; p < theta.shape[0]; p++)
        {
            double h = 1e-6;
            var plus = theta.clone(); plus[p] += h;
            var minus = theta.clone(); minus[p] -= h;
            var fd = (objective.Residuals(plus) - objective.Residuals(minus)) / (2 * h);
            double worst = (fd - j[.., p]).abs().max().item<double>() / (1 + j[.., p].abs().max().item<double>());
            Assert.True(worst < 1e-6, $"column {p}: relative difference {worst:E3}");
        }
    }

    [Fact]
    public void Options_InvalidFamilies_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticLocalFamily(0, 0.03, 4).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticLocalFamily(0.2, -1, 4).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticLocalFamily(0.2, 0.03, 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticProfileBasis(2, 4, farModes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticProfileBasis(2, 4, farLength: double.NaN));
        var equation = new CcfProfileEquation();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticSingularityOptions { FarModes = [] }.Validate(equation));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticSingularityOptions { FarLength = 0 }.Validate(equation));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticSingularityOptions { Weights = new(Infinity: -1) }.Validate(equation));
        Assert.Equal(new AnalyticLocalFamily(0.175, 0.03, 60), SingularityAnalyticSettings.ParseLocal("0.175:0.03:60"));
        Assert.Null(SingularityAnalyticSettings.ParseLocal("off"));
    }

    [Theory]
    [InlineData("--far-modes", "0")]
    [InlineData("--far-modes", "600")]
    [InlineData("--far-length", "0")]
    [InlineData("--far-length", "x")]
    [InlineData("--local", "0.175:0.03")]
    [InlineData("--local", "-1:0.03:10")]
    [InlineData("--local", "0.175:0.03:2.5")]
    [InlineData("--infinity-weight", "-1")]
    public void Cli_BadFamilyOptions_OneLineErrorAndExitCode2(string option, string value)
    {
        var (code, _, err) = Cli.Cli.Run(["singularity", "ccf", option, value]);
        Assert.Equal(ExitCodes.Usage, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pinn: ", lines[0]);
    }
}
