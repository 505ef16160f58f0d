using System.Numerics;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The sum F = Σₛ εₛ Σ cₛ,ᵢ bₛ,ᵢ of analytic stages, evaluated on the line: F, F' and their λ-derivatives at points, and its
/// Taylor series at 0; the profile f and its Hilbert partner g are the equation's parts of F.
/// </summary>
public sealed class AnalyticProfile
{
    /// <summary>The profile made of <paramref name="stages"/> for <paramref name="equation"/>.</summary>
    public AnalyticProfile(IProfileEquation equation, IReadOnlyList<AnalyticStage> stages)
    {
        Equation = equation;
        Stages = stages;
    }

    /// <summary>The equation (which part of F is the profile).</summary>
    public IProfileEquation Equation { get; }

    /// <summary>The stages.</summary>
    public IReadOnlyList<AnalyticStage> Stages { get; }

    /// <summary>The profile part of a complex value (Re for an even profile, Im for an odd one).</summary>
    public double Part(Complex v) => Equation.ProfileIsRealPart ? v.Real : v.Imaginary;

    /// <summary>The Hilbert partner's part (the other one).</summary>
    public double Partner(Complex v) => Equation.ProfileIsRealPart ? v.Imaginary : v.Real;

    /// <summary>F, F', ∂F/∂λ, ∂F'/∂λ at y.</summary>
    public (Complex F, Complex Derivative, Complex FLambda, Complex DerivativeLambda) At(double y, double lambda)
    {
        Complex f = 0, d = 0, fl = 0, dl = 0;
        foreach (var stage in Stages)
        {
            int n = stage.Basis.Count;
            var b = new Complex[4 * n];
            stage.Basis.Evaluate(y, lambda, b.AsSpan(0, n), b.AsSpan(n, n), b.AsSpan(2 * n, n), b.AsSpan(3 * n, n));
            for (int i = 0; i < n; i++)
            {
                double c = stage.Scale * stage.Coefficients[i];
                if (c == 0) continue;
                f += c * b[i];
                d += c * b[n + i];
                fl += c * b[2 * n + i];
                dl += c * b[3 * n + i];
            }
        }
        return (f, d, fl, dl);
    }

    /// <summary>The Taylor series of F at 0 and of ∂F/∂λ.</summary>
    public (PowerSeries F, PowerSeries FLambda) Series(double lambda, int order)
    {
        var f = PowerSeries.Constant(0, order);
        var fl = PowerSeries.Constant(0, order);
        foreach (var stage in Stages)
        {
            var (values, lambdas) = stage.Basis.Series(lambda, order);
            for (int i = 0; i < values.Length; i++)
            {
                double c = stage.Scale * stage.Coefficients[i];
                if (c == 0) continue;
                f += c * values[i];
                fl += c * lambdas[i];
            }
        }
        return (f, fl);
    }

    /// <summary>f, f' and g at points (one call per point).</summary>
    public (double[] Value, double[] Derivative, double[] Partner) Evaluate(IReadOnlyList<double> y, double lambda)
    {
        var value = new double[y.Count];
        var derivative = new double[y.Count];
        var partner = new double[y.Count];
        for (int k = 0; k < y.Count; k++)
        {
            var (f, d, _, _) = At(y[k], lambda);
            value[k] = Part(f);
            derivative[k] = Part(d);
            partner[k] = Partner(f);
        }
        return (value, derivative, partner);
    }

    /// <summary>The residual R at points.</summary>
    public double[] Residual(IReadOnlyList<double> y, double lambda)
    {
        var (f, d, g) = Evaluate(y, lambda);
        return Enumerable.Range(0, y.Count).Select(k => Equation.Residual(y[k], lambda, f[k], d[k], g[k]).Value).ToArray();
    }

    /// <summary>The envelope weight (1 + y²)^(−α/2), α = λ/(1+λ): R·weight is O(1) as |y| → ∞ (R ~ |y|^α).</summary>
    public static double Weight(double y, double lambda) => Math.Pow(1 + y * y, -0.5 * AnalyticProfileBasis.FarExponent(lambda));

    /// <summary>The envelope-scaled residual R̃ = R·(1 + y²)^(−α/2) at points.</summary>
    public double[] ScaledResidual(IReadOnlyList<double> y, double lambda)
    {
        var r = Residual(y, lambda);
        return r.Select((v, k) => v * Weight(y[k], lambda)).ToArray();
    }
}
