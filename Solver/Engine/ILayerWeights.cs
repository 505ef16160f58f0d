using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>How the Taylor pass applies a layer's weights: shared by all points, or one copy per point.</summary>
internal interface ILayerWeights
{
    /// <summary>W x for x [C, N, in] (C Taylor channels): [C, N, out], no bias.</summary>
    Tensor Linear(int layer, Tensor x);
    /// <summary>The bias, broadcastable to [N, out].</summary>
    Tensor Bias(int layer);
    /// <summary>∂z/∂xₖ of the first layer after the input scaling: [d, 1 or N, h].</summary>
    Tensor InputGradient(Tensor inverseScale);
}
