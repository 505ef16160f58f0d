using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>Another objective with declared parameter shapes, so that matrix optimizers take their matrix path.</summary>
internal sealed class ShapedObjective(IObjective inner, params ParameterShape[] shapes) : IObjective, IParameterShapes
{
    public IReadOnlyList<ParameterShape> ParameterShapes => shapes;

    public long ParameterCount => inner.ParameterCount;

    public long Revision => inner.Revision;

    public double Value(Tensor theta) => inner.Value(theta);

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta) => inner.ValueAndGradient(theta);

    /// <summary>Rosenbrock in 8 variables seen as a [2, 3] matrix and a 2-vector.</summary>
    public static ShapedObjective Rosenbrock() =>
        new(new RosenbrockObjective(8), ParameterShape.Matrix(0, 2, 3), ParameterShape.Vector(6, 2));
}
