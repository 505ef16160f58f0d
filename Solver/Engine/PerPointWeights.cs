using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// A separate copy of the parameters for every point (θ_b [N, P]): each layer is a batched matmul.
/// Differentiating Σₙ rₙ with respect to θ_b gives every row of the residual Jacobian in one
/// backward pass, since point n's residual depends only on row n.
/// </summary>
internal sealed class PerPointWeights(Mlp net, Tensor perPointTheta) : ILayerWeights
{
    private (Tensor Weight, Tensor Bias) Layer(int layer)
    {
        var l = net.Layers[layer];
        var w = perPointTheta.narrow(1, l.WeightOffset, (long)l.Out * l.In).view(-1, l.Out, l.In);
        return (w, perPointTheta.narrow(1, l.BiasOffset, l.Out));
    }

    public Tensor Linear(int layer, Tensor x) =>
        Layer(layer).Weight.bmm(x.permute(1, 2, 0)).permute(2, 0, 1);   // [N,out,in]·[N,in,C] → [C,N,out]

    public Tensor Bias(int layer) => Layer(layer).Bias;

    public Tensor InputGradient(Tensor inverseScale) => (Layer(0).Weight * inverseScale).permute(2, 0, 1);   // [d, N, h]
}
