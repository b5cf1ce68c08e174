using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StaticNet.CompilerServices;

namespace StaticNet.Benchmarks.ColumnLayout;

/// <summary>
/// The generated <see cref="Sigmoid453"/> (4-5-3, sigmoid, MSE) written by hand as the generator would emit it with
/// W stored by columns (<see cref="ColumnOrder"/>): Forward is broadcasts of one input times a whole column of W,
/// accumulated in vectors, with the activation applied to the accumulator, as a frozen network's constant columns
/// do, but with the columns loaded from the trainable parameters.
/// </summary>
/// <remarks>
/// <para>Layout (43 floats, as many as the generated network): b[1] at 0, W[1][:,k] at 5 + 5k, b[2] at 25,
/// W[2][:,k] at 28 + 3k. Columns are not padded: a layer of 5 units is loaded as one Vector256 whose lanes 5–7 read
/// the start of the next column (or layer), and a layer of 3 units as one Vector128 whose lane 3 does the same.
/// Those lanes are computed and never read. The last load (W[2][:,4], lane 3) reads one float past the parameters,
/// so the buffer keeps <see cref="Overhang"/> floats of slack after them; the reads stay inside the buffer because
/// the generator knows every offset when it writes them.</para>
/// <para>The buffer is cache-line aligned (<see cref="ParameterMemory"/>), so no 32-byte load of layer 1 splits a line
/// more than the layout itself makes it.</para>
/// </remarks>
public sealed partial class ColumnSigmoid453
{
    /// <summary>The number of weights and biases, the same as <see cref="Sigmoid453.ParameterCount"/>.</summary>
    public const int ParameterCount = 43;

    /// <summary>Floats of slack after the parameters: the widest load (8 lanes) may start at the last parameter.</summary>
    public const int Overhang = 7;

    /// <summary>Where b[1] starts; W[1][:,k] follows at <see cref="Layer1ColumnsOffset"/> + 5k.</summary>
    public const int Layer1BiasesOffset = 0;

    /// <summary>Where W[1][:,0] starts.</summary>
    public const int Layer1ColumnsOffset = 5;

    /// <summary>Where b[2] starts; W[2][:,k] follows at <see cref="Layer2ColumnsOffset"/> + 3k.</summary>
    public const int Layer2BiasesOffset = 25;

    /// <summary>Where W[2][:,0] starts.</summary>
    public const int Layer2ColumnsOffset = 28;

    private static ReadOnlySpan<int> Sizes => new[] { 4, 5, 3 };

    private readonly float[] _buffer = ParameterMemory.Allocate(ParameterCount + Overhang);

    /// <summary>Creates the network from parameters in PyTorch's order (a generated <see cref="Sigmoid453"/>'s Parameters).</summary>
    /// <param name="pytorchOrder">W[1] row-major, b[1], W[2] row-major, b[2]: 43 floats.</param>
    /// <exception cref="ArgumentException">The span is not 43 floats long.</exception>
    public ColumnSigmoid453(ReadOnlySpan<float> pytorchOrder) => ColumnOrder.FromPyTorchOrder(Sizes, pytorchOrder, Parameters);

    /// <summary>All weights and biases in the column order.</summary>
    public Span<float> Parameters => ParameterMemory.View(_buffer, ParameterCount);

    /// <summary>Writes the parameters in PyTorch's order, to compare with a generated network's.</summary>
    /// <param name="pytorchOrder">Receives 43 floats.</param>
    /// <exception cref="ArgumentException">The span is not 43 floats long.</exception>
    public void CopyToPyTorchOrder(Span<float> pytorchOrder) => ColumnOrder.ToPyTorchOrder(Sizes, Parameters, pytorchOrder);

    /// <summary>Computes ŷ for one sample; allocates nothing.</summary>
    /// <param name="input">x, exactly 4 values.</param>
    /// <param name="output">Receives ŷ, exactly 3 values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        SpanLength.Require(input, 4, nameof(input));
        SpanLength.Require(output, 3, nameof(output));
        if (Vector256.IsHardwareAccelerated)
        {
            ref float p = ref MemoryMarshal.GetReference(Parameters);
            Vector128<float> a2 = ForwardLayers(ref p, input, out _);
            output[0] = a2[0];
            output[1] = a2[1];
            output[2] = a2[2];
            return;
        }

        ColumnScalarSteps.Forward(Parameters, Sizes, input, output);
    }

    /// <summary>Both layers by columns; the train step keeps a[1] for BP2 and the step of W[2].</summary>
    /// <returns>a[2] (lanes 0–2; lane 3 is never read).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ForwardLayers(ref float p, ReadOnlySpan<float> input, out Vector256<float> a1)
    {
        // Layer 1 (4 → 5, Sigmoid), columns: z[1] = b[1] + Σ_k x_k · W[1][:, k]
        // even k into z1, odd k into z1Odd: two chains of multiply-adds, each half as long
        Vector256<float> z1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p, 5), Vector256.Create(input[0]), Vector256.LoadUnsafe(ref p, 0));
        Vector256<float> z1Odd = Vector256.LoadUnsafe(ref p, 10) * Vector256.Create(input[1]);
        z1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p, 15), Vector256.Create(input[2]), z1);
        z1Odd = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref p, 20), Vector256.Create(input[3]), z1Odd);
        // a[1] = σ(z[1])
        a1 = VectorActivations.Sigmoid(z1 + z1Odd);

        // Layer 2 (5 → 3, Sigmoid), columns: z[2] = b[2] + Σ_k a[1]_k · W[2][:, k]
        Vector128<float> z2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p, 28), Vector128.Create(a1[0]), Vector128.LoadUnsafe(ref p, 25));
        Vector128<float> z2Odd = Vector128.LoadUnsafe(ref p, 31) * Vector128.Create(a1[1]);
        z2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p, 34), Vector128.Create(a1[2]), z2);
        z2Odd = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p, 37), Vector128.Create(a1[3]), z2Odd);
        z2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref p, 40), Vector128.Create(a1[4]), z2);
        // ŷ = a[2] = σ(z[2])
        return VectorActivations.Sigmoid(z2 + z2Odd);
    }
}
