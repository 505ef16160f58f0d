using System.Runtime.CompilerServices;
using TorchSharp;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>One torch thread for the whole test assembly (2-core machine).</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void Initialize() => torch.set_num_threads(1);
}
