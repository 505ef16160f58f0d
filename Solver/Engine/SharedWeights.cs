using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>One weight matrix per layer for all points: each layer is one matmul over all channels.</summary>
internal sealed class SharedWeights(Mlp net, Tensor theta) : ILayerWeights
{
    public Tensor Linear(int layer, Tensor x)
    {
        var (w, _) = net.Layer(theta, layer);
        long c = x.shape[0], n = x.shape[1];
        return x.reshape(-1, x.shape[2]).matmul(w.t()).view(c, n, w.shape[0]);
    }

    public Tensor Bias(int layer) => net.Layer(theta, layer).Bias;

    public Tensor InputGradient(Tensor inverseScale) => (net.Layer(theta, 0).Weight * inverseScale).t().unsqueeze(1);
}
