namespace Pinn.Optimizers;

/// <summary>
/// Nielsen's update of the Levenberg–Marquardt damping μ from the gain ratio ρ = (actual decrease)/(predicted decrease):
/// after an accepted step μ ← μ·max(⅓, 1 − (2ρ − 1)³) and ν ← 2; after a rejected one μ ← μ·ν and ν ← 2ν (K. Madsen,
/// H. B. Nielsen and O. Tingleff, "Methods for non-linear least squares problems", 2nd ed., IMM DTU 2004, eq. 3.16 and
/// Algorithm 3.16). μ never falls below <paramref name="minimum"/>.
/// </summary>
internal sealed class NielsenDamping(double minimum)
{
    /// <summary>μ for the next trial (null until the optimizer initialises it).</summary>
    public double? Mu { get; set; }

    /// <summary>ν, the factor of the next rejection.</summary>
    public double Growth { get; set; } = 2;

    /// <summary>After a step accepted with damping <paramref name="mu"/> and gain ratio <paramref name="gain"/> &gt; 0.</summary>
    public void Accepted(double mu, double gain)
    {
        Mu = Math.Max(mu * Math.Max(1.0 / 3, 1 - Math.Pow(2 * gain - 1, 3)), minimum);
        Growth = 2;
    }

    /// <summary>After a step rejected with damping <paramref name="mu"/>; returns the raised μ.</summary>
    public double Rejected(double mu)
    {
        var raised = Math.Max(mu * Growth, minimum);
        Mu = raised;
        Growth *= 2;
        return raised;
    }

    /// <summary>Forgets μ and ν.</summary>
    public void Reset()
    {
        Mu = null;
        Growth = 2;
    }
}
