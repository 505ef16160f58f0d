using System.Text.Json;
using Pinn.Solver.Bench;

namespace Pinn.Solver.Tests;

public class BlasLibraryTests
{
    [Fact]
    public void Toolkit_ReportsTheBlasLinkedIntoLibtorch_WithOneThread()
    {
        TorchSharp.torch.set_num_threads(1);
        var blas = BlasLibrary.Toolkit();
        Assert.True(blas.Optimized, blas.ToString());
        Assert.Equal(1, blas.Threads);
        Assert.Contains("libtorch_cpu", blas.Path);
    }

    [Fact]
    public void ReferenceBlas_OnThePyTorchSide_IsUnfair_AndTheComparisonPrintsNoRatio()
    {
        var netlib = Reference("""{"kind": "reference BLAS (netlib)", "detail": "", "threads": 1, "path": "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"}""");
        Assert.False(netlib.Optimized);
        Assert.Contains("install.sh", netlib.Unfair());
        var markdown = Comparison(netlib).Markdown();
        Assert.Contains("No ratios", markdown);
        Assert.DoesNotContain("Ratios (PyTorch", markdown);
        Assert.Contains("reference BLAS (netlib)", markdown);
    }

    [Fact]
    public void OpenBlas_WithOneThread_IsFair_ButNotWithFour()
    {
        var one = Reference("""{"kind": "OpenBLAS", "detail": "OpenBLAS 0.3.21 DYNAMIC_ARCH Zen MAX_THREADS=64", "threads": 1, "path": "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"}""");
        Assert.Null(one.Unfair());
        Assert.Contains("Ratios (PyTorch", Comparison(one).Markdown());
        var four = one with { Threads = 4 };
        Assert.Contains("4 threads", four.Unfair());
        Assert.Contains("No ratios", Comparison(four).Markdown());
    }

    private static BlasLibrary Reference(string json) => BlasLibrary.FromReference(JsonDocument.Parse(json).RootElement);

    private static TorchComparison Comparison(BlasLibrary torchBlas)
    {
        var torch = new TorchResult("1.13.1", 9.0, 1000, 10, 1e-4, 5, [(1, 1e-2), (5, 1e-3)], torchBlas);
        var ours = new BenchResult(new BenchCase("poisson2d", "adam→lbfgs", "adam:1000,lbfgs:1000000"), "pinn solve", 4417, 2000, 10, 1e-6, 1e-5, 2, [(1, 1e-2), (2, 1e-3)]) { AdamMsPerStep = 8.0 };
        return new TorchComparison("poisson2d", "setup.", torch, ours, []) { OurBlas = new BlasLibrary("MKL", "2020", 1, "/x/libtorch_cpu.so") };
    }
}
