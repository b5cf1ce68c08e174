using System;

namespace System.Numerics.Tensors;

/// <summary>
/// The TensorPrimitives members the runtime calls, for the netstandard2.1 build, as straight loops: that build takes
/// no System.Numerics.Tensors package, whose netstandard2.0 build is compiled against System.Memory's span types and
/// so needs System.Memory beside it, which Mono and Unity do not ship as netstandard2.1 sees it. Each computes what
/// TensorPrimitives defines, element by element in index order; reductions sum from the first element.
/// </summary>
internal static class TensorPrimitives
{
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + y[i];
        }
    }

    public static void Add(ReadOnlySpan<float> x, float y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + y;
        }
    }

    public static void Subtract(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] - y[i];
        }
    }

    public static void Subtract(ReadOnlySpan<float> x, float y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] - y;
        }
    }

    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] * y[i];
        }
    }

    public static void Multiply(ReadOnlySpan<float> x, float y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] * y;
        }
    }

    public static void Divide(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] / y[i];
        }
    }

    public static void Divide(ReadOnlySpan<float> x, float y, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] / y;
        }
    }

    /// <summary>(x · y) + addend, unfused, as TensorPrimitives.MultiplyAdd.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = (x[i] * y[i]) + addend[i];
        }
    }

    /// <summary>(x · y) + addend, unfused, as TensorPrimitives.MultiplyAdd.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, float y, ReadOnlySpan<float> addend, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = (x[i] * y) + addend[i];
        }
    }

    public static void Negate(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = -x[i];
        }
    }

    public static void Sqrt(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = MathF.Sqrt(x[i]);
        }
    }

    public static void Exp(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = MathF.Exp(x[i]);
        }
    }

    public static void Clamp<T>(ReadOnlySpan<float> x, float min, float max, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Math.Clamp(x[i], min, max);
        }
    }

    /// <summary>The largest element; NaN when any element is NaN; +0 above −0.</summary>
    public static float Max(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException("The span is empty.", nameof(x));
        }

        float max = x[0];
        for (int i = 0; i < x.Length; i++)
        {
            float value = x[i];
            if (float.IsNaN(value))
            {
                return value;
            }

            if (value > max || (value == max && !float.IsNegative(value)))
            {
                max = value;
            }
        }

        return max;
    }

    public static float Sum(ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>√(Σ x²), the Euclidean norm.</summary>
    public static float Norm<T>(ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
        }

        return MathF.Sqrt(sum);
    }

    public static float Norm(ReadOnlySpan<float> x) => Norm<float>(x);

    public static bool IsFiniteAll<T>(ReadOnlySpan<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }
}
