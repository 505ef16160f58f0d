namespace Pinn.Optimizers;

/// <summary>
/// An objective whose flat parameter vector θ is a concatenation of matrices and vectors (for a network:
/// each layer's weight matrix, stored row-major, then its bias vector). Optimizers that precondition a
/// weight as a matrix (<see cref="Soap"/>, <see cref="Shampoo"/>, <see cref="Muon"/>) read it; an
/// objective without it is treated as one vector, on which they fall back to their vector rule (Adam).
/// </summary>
/// <remarks>
/// The shapes must be listed in order, start at offset 0, follow each other without gaps or overlaps and
/// end at <see cref="IObjective.ParameterCount"/>. The optimizers check this and throw
/// <see cref="ArgumentException"/> otherwise.
/// </remarks>
public interface IParameterShapes
{
    /// <summary>The parameter tensors of θ in order: matrices [Rows, Columns] row-major, and vectors.</summary>
    IReadOnlyList<ParameterShape> ParameterShapes { get; }
}
