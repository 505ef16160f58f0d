using System.Runtime.CompilerServices;

namespace Pinn.Solver.Tests;

internal static class TorchSetup
{
    /// <summary>
    /// One torch thread (on two cores it is as fast, and xunit runs test classes in parallel) on every thread of the host,
    /// and MKL's reproducible mode, set before the first torch call (see <see cref="Engine.NativeReproducibility"/>).
    /// </summary>
    [ModuleInitializer]
    internal static void OneThread()
    {
        Engine.NativeReproducibility.Apply(defaultThreads: 1);
        TorchSharp.torch.set_num_threads(1);
    }
}
