using System.Runtime.CompilerServices;

namespace Pinn.Solver.Tests;

internal static class TorchSetup
{
    /// <summary>One torch thread: on two cores it is as fast, and xunit runs test classes in parallel.</summary>
    [ModuleInitializer]
    internal static void OneThread() => TorchSharp.torch.set_num_threads(1);
}
