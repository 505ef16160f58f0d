namespace Pinn.Optimizers;

/// <summary>Range checks for options records.</summary>
internal static class Check
{
    public static void Positive(double value, string name)
    {
        if (!(double.IsFinite(value) && value > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number greater than zero.");
        }
    }

    public static void NonNegative(double value, string name)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number greater than or equal to zero.");
        }
    }

    public static void NonNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative integer.");
        }
    }

    public static void Fraction(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");
        }
    }

    public static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive integer.");
        }
    }

    public static void InOpenUnitInterval(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in (0, 1).");
        }
    }
}
