using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>A residual objective with parameter blocks of the given lengths (in order), delegating to another.</summary>
internal sealed class BlockedResiduals(IResidualObjective inner, params long[] lengths) : IResidualObjective, IParameterBlocks
{
    public IReadOnlyList<(long Offset, long Length)> ParameterBlocks { get; } =
        lengths.Select((length, i) => (lengths.Take(i).Sum(), length)).ToArray();

    public long ParameterCount => inner.ParameterCount;

    public long ResidualCount => inner.ResidualCount;

    public Tensor Residuals(Tensor theta) => inner.Residuals(theta);

    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta) => inner.ResidualsAndJacobian(theta);

    public double Value(Tensor theta) => inner.Value(theta);

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta) => inner.ValueAndGradient(theta);
}
