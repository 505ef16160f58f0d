using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pinn.Problems.Tests;

public class BurgersProfileTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.25)]
    [InlineData(2, 1.0 / 6)]
    public void Lambda_Branch_IsOneOverTwoIPlusTwo(int branch, double lambda)
    {
        Assert.Equal(lambda, new BurgersProfile(branch).Lambda, 15);
        Assert.Equal(2 * branch + 3, new BurgersProfile(branch).Exponent);
    }

    [Property(MaxTest = 300)]
    public Property Solve_AnyY_SatisfiesImplicitRelationToRoundOff(NormalFloat raw, PositiveInt branchRaw, NormalFloat lambdaRaw)
    {
        double y = Math.Clamp((double)raw, -1e12, 1e12);
        int branch = branchRaw.Get % 4;
        // Admissible and non-admissible λ alike.
        double lambda = branchRaw.Get % 2 == 0 ? BurgersProfile.AdmissibleLambda(branch) : 0.05 + Math.Abs((double)lambdaRaw) % 2;
        double u = BurgersProfile.Solve(y, lambda);
        double back = -u - u * Math.Pow(Math.Abs(u), 1 / lambda);
        double scale = Math.Abs(u) + Math.Pow(Math.Abs(u), 1 + 1 / lambda);
        return (Math.Abs(back - y) <= 2e-15 * scale + double.Epsilon && Math.Sign(u) == -Math.Sign(y))
            .Label($"y = {y:R}, λ = {lambda:R}: U = {u:R}, −U − U|U|^(1/λ) = {back:R}");
    }

    [Fact]
    public void Solve_ExtremeArguments_StaysAccurate()
    {
        foreach (var y in new[] { 1e-300, 1e-20, 1e-8, 3.0, 1e8, 1e100, 1e300 })
        {
            double u = BurgersProfile.Solve(y, 0.5);
            double back = -u - u * u * u;
            Assert.True(Math.Abs(back - y) <= 1e-15 * y, $"y = {y:R}: U = {u:R}, back {back:R}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Exact_SatisfiesProfileEquationAndConditions_ToRoundOff(int branch)
    {
        var problem = new BurgersProfile(branch);
        Assert.Equal(0, problem.Exact(0));
        Assert.Equal(-1, problem.ExactDerivative(0), 15);
        Assert.Equal(1, problem.Exact(-2), 14);
        for (double y = -50; y <= 50; y += 0.173)
        {
            double u = problem.Exact(y), du = problem.ExactDerivative(y);
            double r = BurgersProfile.Residual(y, u, du, problem.Lambda);
            double scale = Math.Abs(problem.Lambda * u) + Math.Abs(((1 + problem.Lambda) * y + u) * du);
            Assert.True(Math.Abs(r) <= 1e-14 * scale, $"branch {branch}, y = {y:F3}: R = {r:E3} (terms {scale:E3})");
        }
    }

    [Fact]
    public void Exact_DerivativeMatchesFiniteDifference()
    {
        var problem = new BurgersProfile(1);
        foreach (var y in new[] { -3.0, -0.4, 0.2, 1.7, 12.0 })
        {
            double h = 1e-5;
            double fd = (problem.Exact(y + h) - problem.Exact(y - h)) / (2 * h);
            Assert.Equal(fd, problem.ExactDerivative(y), 8);
        }
    }

    [Fact]
    public void Exact_FarField_GrowsLikePowerLambdaOverOnePlusLambda()
    {
        var problem = new BurgersProfile(0);
        double y = 1e12;
        Assert.Equal(-1, problem.Exact(y) / Math.Pow(y, BurgersProfile.FarFieldExponent(problem.Lambda)), 3);
    }

    [Fact]
    public void Constructor_And_Solve_RejectBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BurgersProfile(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BurgersProfile.Solve(double.NaN, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BurgersProfile.Solve(1, 0));
    }
}
