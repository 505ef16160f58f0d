namespace Pinn.Optimizers;

/// <summary>How a line search ended. The first three return a point; the others do not.</summary>
public enum LineSearchOutcome
{
    /// <summary>The step satisfies both strong Wolfe conditions.</summary>
    StrongWolfe,
    /// <summary>
    /// The loss equals φ(0) to within float64 noise and the derivative satisfies the approximate Wolfe
    /// conditions of Hager &amp; Zhang (2005), curvature in the strong form: (2c₁ − 1) φ′(0) ≥ φ′(α) and |φ′(α)| ≤ c₂ |φ′(0)|.
    /// </summary>
    ApproximateWolfe,
    /// <summary>The evaluation budget ran out; the step satisfies sufficient decrease only.</summary>
    SufficientDecrease,
    /// <summary>φ′(0) = gᵀd is not negative (or not finite); nothing was evaluated.</summary>
    NotDescentDirection,
    /// <summary>Every trial loss equals φ(0) to within float64 noise and none was acceptable: the loss
    /// cannot be decreased at float64 resolution along this direction.</summary>
    LossResolution,
    /// <summary>The bracket shrank below the float64 spacing of θ without an acceptable step.</summary>
    StepResolution,
    /// <summary>The evaluation budget ran out without a step of sufficient decrease.</summary>
    EvaluationLimit,
    /// <summary>Every trial point gave a non-finite loss or gradient.</summary>
    NonFinite,
}
