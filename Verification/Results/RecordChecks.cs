using System.Text;

namespace Pinn.Verification;

/// <summary>Argument checks shared by the results-file records; each failure is one <see cref="ArgumentException"/> line.</summary>
internal static class RecordChecks
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ArgumentException Fail(string message) => new(message);

    public static void NotNull(object? value, string what)
    {
        if (value is null)
        {
            throw Fail($"{what} is null.");
        }
    }

    /// <summary>A string that HDF5 and its readers keep intact: not null, no NUL character, valid UTF-16.</summary>
    public static void Text(string? value, string what)
    {
        if (value is null)
        {
            throw Fail($"{what} is null.");
        }
        if (value.Contains('\0'))
        {
            throw Fail($"{what} contains a NUL character, which HDF5 readers treat as the end of the string.");
        }
        try
        {
            StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw Fail($"{what} is not valid UTF-16 (it has an unpaired surrogate) and cannot be stored as UTF-8.");
        }
    }

    public static void Texts(string[]? values, string what)
    {
        NotNull(values, what);
        for (var i = 0; i < values!.Length; i++)
        {
            Text(values[i], $"{what}[{i}]");
        }
    }

    /// <summary>A name of an HDF5 attribute or link: non-empty text without '/'.</summary>
    public static void Name(string? value, string what)
    {
        Text(value, what);
        if (value!.Length == 0 || value.Contains('/') || value is "." or "..")
        {
            throw Fail($"{what} '{value}' is not a valid HDF5 name (it must be non-empty, without '/', and not '.' or '..').");
        }
    }

    public static void Length(Array? values, int expected, string what, string reason)
    {
        NotNull(values, what);
        if (values!.GetLength(0) != expected)
        {
            throw Fail($"{what} has {values.GetLength(0)} rows but {reason} has {expected}.");
        }
    }
}
