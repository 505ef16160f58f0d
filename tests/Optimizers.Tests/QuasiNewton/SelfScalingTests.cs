using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pinn.Optimizers.Tests.QuasiNewton;

public class SelfScalingTests
{
    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(4.0, 0.25)]
    public void Choose_SelfScaledBfgs_TauIsMinOfOneAndOneOverB(double b, double expectedTau)
    {
        var (tau, phi) = SelfScaling.Choose(DenseQuasiNewtonUpdate.SelfScaledBfgs, b, 3.0, 100, initial: false);
        Assert.Equal(expectedTau, tau);
        Assert.Equal(1, phi);
    }

    [Fact]
    public void Choose_InitialScaling_BfgsTauIsH()
    {
        Assert.Equal((2.5, 1.0), SelfScaling.Choose(DenseQuasiNewtonUpdate.Bfgs, 1.3, 2.5, 10, initial: true));
        Assert.Equal((1.0, 1.0), SelfScaling.Choose(DenseQuasiNewtonUpdate.Bfgs, 1.3, 2.5, 10, initial: false));
    }

    [Fact]
    public void Choose_SelfScaledBroydenWhenHyParallelToS_FallsBackToSelfScaledBfgs()
    {
        // a = bh − 1 = 0: every member of the class gives the same matrix; θ = 0 (φ = 1), τ = min(1, 1/b).
        var (tau, phi) = SelfScaling.Choose(DenseQuasiNewtonUpdate.SelfScaledBroyden, 2.0, 0.5, 50, initial: false);
        Assert.Equal(0.5, tau);
        Assert.Equal(1, phi);
    }

    /// <summary>
    /// For any b, h &gt; 0 with a = bh − 1 &gt; 0: τ &gt; 0 and finite, and the B-form parameter θ (recovered from φ)
    /// satisfies 1 + aθ &gt; 0, which keeps the update positive definite, and θ⁻ ≤ θ ≤ θ⁺ (Urbán et al., eqs. 13–23).
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Choose_SelfScaledBroyden_KeepsTauPositiveAndTheUpdateInThePositiveDefiniteRange()
    {
        var cases =
            from logB in Gen.Choose(-60, 60)
            from logExcess in Gen.Choose(-80, 60)
            from n in Gen.Choose(2, 10_000)
            from initial in Gen.Elements(true, false)
            select (b: Math.Pow(10, logB / 10.0), excess: Math.Pow(10, logExcess / 10.0), n, initial);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var h = (1 + c.excess) / c.b;    // so that a = bh − 1 = excess > 0
            var a = c.b * h - 1;
            var (tau, phi) = SelfScaling.Choose(DenseQuasiNewtonUpdate.SelfScaledBroyden, c.b, h, c.n, c.initial);
            var theta = (1 - phi) / (1 + a * phi);   // the inverse map of φ = (1 − θ)/(1 + aθ)
            var lower = Math.Min(1, h * (1 - Math.Sqrt(a / (1 + a))));
            return (tau > 0 && double.IsFinite(tau) && double.IsFinite(phi) && 1 + a * theta > 0
                    && theta >= (lower - 1) / a - 1e-9 * Math.Abs((lower - 1) / a) - 1e-12
                    && theta <= 1 / lower * (1 + 1e-9))
                .Label($"b={c.b:G3} h={h:G3} a={a:G3} n={c.n}: τ={tau:G3} φ={phi:G3} θ={theta:G3}");
        });
    }
}
