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
/// <typeparam name="TStrides">The column strides: <see cref="UnpaddedColumns"/> or <see cref="PaddedColumns"/>.</typeparam>
/// <remarks>
/// <para>Layout: b[1] at 0, W[1][:,k] at S1·(1 + k), b[2] at 5·S1, W[2][:,k] at 5·S1 + S2·(1 + k), where S1 and S2 are
/// the strides. Layer 1 is loaded as Vector256 and layer 2 as Vector128. Unpadded (43 floats, as many as the generated
/// network), the lanes past a column's units read the start of the next column or layer: they are computed and never
/// read, and the last load (W[2][:,4], lane 3) reads one float past the parameters, so the buffer keeps
/// <see cref="Overhang"/> floats of slack after them; the reads stay inside the buffer because the generator knows
/// every offset when it writes them.</para>
/// <para>The buffer is cache-line aligned (<see cref="ParameterMemory"/>).</para>
/// </remarks>
public sealed partial class ColumnSigmoid453<TStrides>
    where TStrides : struct, IColumnStrides453
{
    /// <summary>Floats of slack after the parameters: the widest load (8 lanes) may start at the last parameter.</summary>
    public const int Overhang = 7;

    private readonly float[] _buffer = ParameterMemory.Allocate(Length + Overhang);

    /// <summary>Creates the network from parameters in PyTorch's order (a generated <see cref="Sigmoid453"/>'s Parameters).</summary>
    /// <param name="pytorchOrder">W[1] row-major, b[1], W[2] row-major, b[2]: 43 floats.</param>
    /// <exception cref="ArgumentException">The span is not 43 floats long.</exception>
    public ColumnSigmoid453(ReadOnlySpan<float> pytorchOrder) => ColumnOrder.FromPyTorchOrder(Sizes, Strides, pytorchOrder, Parameters);

    /// <summary>The floats of the layout: 43 unpadded, as many as <see cref="Sigmoid453.ParameterCount"/>; 64 padded.</summary>
    public static int Length
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (5 * TStrides.Layer1) + (6 * TStrides.Layer2);
    }

    /// <summary>The layer sizes, input first.</summary>
    public static ReadOnlySpan<int> Sizes => new[] { 4, 5, 3 };

    /// <summary>The strides of layers 1 and 2, in a new array (the hot paths build them on the stack).</summary>
    /// <remarks>Not kept in a static field: a static initialiser would give the class a type initialiser, and the
    /// checks for it keep the JIT from inlining <see cref="Length"/> into the train step.</remarks>
    public static int[] Strides => new[] { TStrides.Layer1, TStrides.Layer2 };

    /// <summary>All weights and biases in the column order.</summary>
    public Span<float> Parameters => ParameterMemory.View(_buffer, Length);

    // The offsets of the layout, constants once the JIT has specialised the class for TStrides.
    private static int Layer1Column(int k) => TStrides.Layer1 * (1 + k);

    private static int Layer2Biases => 5 * TStrides.Layer1;

    private static int Layer2Column(int k) => Layer2Biases + (TStrides.Layer2 * (1 + k));

    /// <summary>Writes the parameters in PyTorch's order, to compare with a generated network's.</summary>
    /// <param name="pytorchOrder">Receives 43 floats.</param>
    /// <exception cref="ArgumentException">The span is not 43 floats long.</exception>
    public void CopyToPyTorchOrder(Span<float> pytorchOrder) => ColumnOrder.ToPyTorchOrder(Sizes, Strides, Parameters, pytorchOrder);

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

        ColumnScalarSteps.Forward(Parameters, Sizes, stackalloc int[] { TStrides.Layer1, TStrides.Layer2 }, input, output);
    }

    /// <summary>Both layers by columns; the train step keeps a[1] for BP2 and the step of W[2].</summary>
    /// <returns>a[2] (lanes 0–2; lane 3 is never read).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ForwardLayers(ref float p, ReadOnlySpan<float> input, out Vector256<float> a1)
    {
        // Layer 1 (4 → 5, Sigmoid), columns: z[1] = b[1] + Σ_k x_k · W[1][:, k]
        // even k into z1, odd k into z1Odd: two chains of multiply-adds, each half as long
        Vector256<float> z1 = Vector256.MultiplyAddEstimate(Load256(ref p, Layer1Column(0)), Vector256.Create(input[0]), Load256(ref p, 0));
        Vector256<float> z1Odd = Load256(ref p, Layer1Column(1)) * Vector256.Create(input[1]);
        z1 = Vector256.MultiplyAddEstimate(Load256(ref p, Layer1Column(2)), Vector256.Create(input[2]), z1);
        z1Odd = Vector256.MultiplyAddEstimate(Load256(ref p, Layer1Column(3)), Vector256.Create(input[3]), z1Odd);
        // a[1] = σ(z[1])
        a1 = VectorActivations.Sigmoid(z1 + z1Odd);

        // Layer 2 (5 → 3, Sigmoid), columns: z[2] = b[2] + Σ_k a[1]_k · W[2][:, k]
        Vector128<float> z2 = Vector128.MultiplyAddEstimate(Load128(ref p, Layer2Column(0)), Vector128.Create(a1[0]), Load128(ref p, Layer2Biases));
        Vector128<float> z2Odd = Load128(ref p, Layer2Column(1)) * Vector128.Create(a1[1]);
        z2 = Vector128.MultiplyAddEstimate(Load128(ref p, Layer2Column(2)), Vector128.Create(a1[2]), z2);
        z2Odd = Vector128.MultiplyAddEstimate(Load128(ref p, Layer2Column(3)), Vector128.Create(a1[3]), z2Odd);
        z2 = Vector128.MultiplyAddEstimate(Load128(ref p, Layer2Column(4)), Vector128.Create(a1[4]), z2);
        // ŷ = a[2] = σ(z[2])
        return VectorActivations.Sigmoid(z2 + z2Odd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load256(ref float p, int offset) => Vector256.LoadUnsafe(ref p, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Load128(ref float p, int offset) => Vector128.LoadUnsafe(ref p, (nuint)offset);
}
