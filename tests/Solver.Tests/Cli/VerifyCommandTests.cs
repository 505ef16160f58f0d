using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

[Collection("console")]
public class VerifyCommandTests
{
    private static void Solve(string path) =>
        Assert.Equal(0, Cli.Run("solve", "poisson2d", "--optimizer", "engd:15", "--hidden", "8", "--points", "49",
            "--boundary-points", "24", "--quiet", "--out", path).Code);

    [Fact]
    public void Verify_FreshFile_PassesAndPrintsNorms()
    {
        using var dir = Cli.TemporaryDirectory();
        Solve(dir["r.h5"]);
        var (code, output, err) = Cli.Run("verify", dir["r.h5"], "--max-rel-l2", "10");
        Assert.True(code == 0, output + err);
        Assert.Contains("rel. L2", output);
        Assert.Contains("residual pde", output);
        Assert.Contains("H¹ seminorm", output);
        Assert.Contains("verified", output);
    }

    [Fact]
    public void Verify_ToleranceExceeded_ExitsOneNamingIt()
    {
        using var dir = Cli.TemporaryDirectory();
        Solve(dir["r.h5"]);
        var (code, _, err) = Cli.Run("verify", dir["r.h5"], "--max-rel-l2", "1e-12");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("max rel_l2", err);
    }

    [Fact]
    public void Verify_EditedWeightsWithConsistentChecksum_ExitsOneSayingTheNetworkDisagrees()
    {
        using var dir = Cli.TemporaryDirectory();
        Solve(dir["r.h5"]);
        var record = Pinn.Verification.ResultsFile.Read(dir["r.h5"]);
        var layer = record.Network.Parameters[0];
        layer.Values[0] += 1e-3;   // rewritten by the toolkit: checksums consistent, numbers wrong
        Pinn.Verification.ResultsFile.Write(dir["edited.h5"], record);
        var (code, output, err) = Cli.Run("verify", dir["edited.h5"]);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("FAIL prediction", output);
        Assert.Contains("weights or the evaluation were changed", err);
    }

    [Fact]
    public void Verify_ValuesEditedAfterWriting_ExitsTwoNamingTheDataset()
    {
        using var dir = Cli.TemporaryDirectory();
        Solve(dir["r.h5"]);
        var bytes = File.ReadAllBytes(dir["r.h5"]);
        var record = Pinn.Verification.ResultsFile.Read(dir["r.h5"]);
        var at = Corruption.Find(bytes, record.Evaluation.Prediction);
        bytes[at + 8 * 17 + 3] ^= 0x10;   // one byte of the 18th predicted value
        File.WriteAllBytes(dir["r.h5"], bytes);
        var (code, _, err) = Cli.Run("verify", dir["r.h5"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("/evaluation/prediction", err);
        Assert.Contains("checksum", err);
    }
}
