using System;
using CsCheck;

namespace StaticNet.Tests.Properties;

/// <summary>
/// Runs a CsCheck generator from a fixed seed, so every CI run checks the same cases (CsCheck's own Sample draws
/// fresh seeds after the first iteration). A failure names the case and its value, which reproduces it.
/// </summary>
internal static class Seeded
{
    public static void ForAll<T>(Gen<T> gen, int count, ulong seed, Action<T> property)
    {
        var pcg = new PCG(1, seed);
        for (int i = 0; i < count; i++)
        {
            T value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception exception)
            {
                throw new Xunit.Sdk.XunitException($"case {i} of seed {seed} failed for {Check.Print(value)}: {exception.GetType().Name}: {exception.Message}", exception);
            }
        }
    }
}
