using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels;

/// <summary>
/// The one driver of every element-wise kernel: widest hardware vectors first (Vector512, Vector256, then Vector128),
/// and a tail that tiny layers (the networks this library is for) put through one more Vector128 built in registers
/// rather than a scalar loop. Where no vector width is hardware, each element goes through the operator's scalar form.
/// The width tests are constants to the JIT and NativeAOT: only the branches the machine can run are compiled.
/// </summary>
internal static class Elementwise
{
    /// <summary>y = f(x) element by element; <paramref name="y"/> may be <paramref name="x"/>. The public kernels check the lengths.</summary>
    public static void Apply<TOperator>(TOperator f, ReadOnlySpan<float> x, Span<float> y)
        where TOperator : struct, IUnaryOperator
    {
        Debug.Assert(x.Length == y.Length);
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float destination = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= x.Length; i += 16)
            {
                f.Invoke(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= x.Length; i += 8)
            {
                f.Invoke(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= x.Length; i += 4)
            {
                f.Invoke(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }

            int rest = x.Length - i;
            if (rest > 0)
            {
                Vector128<float> t = f.Invoke(Vector128.Create(x[i], rest > 1 ? x[i + 1] : 0f, rest > 2 ? x[i + 2] : 0f, 0f));
                y[i] = t.GetElement(0);
                if (rest > 1)
                {
                    y[i + 1] = t.GetElement(1);
                }

                if (rest > 2)
                {
                    y[i + 2] = t.GetElement(2);
                }
            }

            return;
        }

        for (; i < x.Length; i++)
        {
            y[i] = f.Invoke(x[i]);
        }
    }

    /// <summary>δ ← δ ⊙ g'(v) element by element. The public kernels check the lengths.</summary>
    public static void MultiplyInPlace<TOperator>(TOperator g, Span<float> delta, ReadOnlySpan<float> value)
        where TOperator : struct, IDerivativeOperator
    {
        Debug.Assert(value.Length == delta.Length);
        ref float d = ref MemoryMarshal.GetReference(delta);
        ref float v = ref MemoryMarshal.GetReference(value);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= delta.Length; i += 16)
            {
                g.Invoke(Vector512.LoadUnsafe(ref d, (nuint)i), Vector512.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= delta.Length; i += 8)
            {
                g.Invoke(Vector256.LoadUnsafe(ref d, (nuint)i), Vector256.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= delta.Length; i += 4)
            {
                g.Invoke(Vector128.LoadUnsafe(ref d, (nuint)i), Vector128.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < delta.Length; i++)
        {
            delta[i] = g.Invoke(delta[i], value[i]);
        }
    }
}
