namespace VerifyingYourSolver;

/// <summary>Deliberate mistakes that <see cref="AnisotropicPoisson"/> can be built with, to see the properties catch them.
/// Switch one on for the whole example with the environment variable PINN_SEEDED_BUG (sign, factor2 or flux).</summary>
public enum SeededBug
{
    /// <summary>The problem as intended.</summary>
    None,
    /// <summary>A sign error in one term of the operator: −(u_xx + 2u_yy − 3u_zz).</summary>
    Sign,
    /// <summary>A missing factor 2: −(u_xx + u_yy + 3u_zz).</summary>
    Factor2,
    /// <summary>The flux condition differentiates in the wrong coordinate: ∂u/∂y instead of ∂u/∂z on the top face.</summary>
    Flux,
}

/// <summary>Reads the seeded bug to switch on.</summary>
public static class SeededBugs
{
    /// <summary>The bug named by PINN_SEEDED_BUG (unset or empty: none).</summary>
    public static SeededBug FromEnvironment() => Environment.GetEnvironmentVariable("PINN_SEEDED_BUG") switch
    {
        null or "" or "none" => SeededBug.None,
        "sign" => SeededBug.Sign,
        "factor2" => SeededBug.Factor2,
        "flux" => SeededBug.Flux,
        var other => throw new ArgumentException($"PINN_SEEDED_BUG={other}: use sign, factor2 or flux (or leave it unset)"),
    };
}
