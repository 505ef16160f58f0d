namespace Pinn.Optimizers;

/// <summary>
/// What an optimizer asks of its objective beyond the loss and its gradient (<see cref="IObjective"/>): the interface it
/// needs, so that a caller can tell before a step whether an optimizer fits an objective.
/// </summary>
public enum ObjectiveNeeds
{
    /// <summary>Only the loss and its gradient (<see cref="IObjective"/>).</summary>
    Gradient,
    /// <summary>The residual vector and its Jacobian (<see cref="IResidualObjective"/>): the Gauss–Newton family.</summary>
    Residuals,
    /// <summary>Hessian-vector products (<see cref="ITwiceDifferentiableObjective"/>), or residuals for a Gauss–Newton curvature.</summary>
    HessianProducts,
    /// <summary>Per-layer Kronecker factors (<see cref="IKroneckerObjective"/>).</summary>
    KroneckerFactors,
}
