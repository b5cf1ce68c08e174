using System.Runtime.CompilerServices;
using StaticNet.Kernels;

namespace StaticNet.CompilerServices;

/// <summary>The deterministic networks' half of <see cref="DenseKernels"/>: the fixed-order product and fused lanes.</summary>
public static partial class DenseKernels
{
    static unsafe partial void RunFixedOrderProduct(float* inputs, float* weights, float* outputs, int count, int units, int columns)
    {
        var call = new FixedOrderProductCall(inputs, weights, outputs, count, units, columns);
        SimdWidth.DispatchFused(ref call);
    }

    static partial void DispatchFused(ref ProductCall call) => SimdWidth.DispatchFused(ref call);

    /// <summary>Z += X·Wᵀ summed in one order at every width (<see cref="FixedOrderProduct"/>), for the width dispatcher.</summary>
    private readonly unsafe struct FixedOrderProductCall(float* inputs, float* weights, float* outputs, int count, int units, int columns) : IWidthKernel
    {
        private ref float _inputs => ref *inputs;
        private ref float _weights => ref *weights;
        private ref float _outputs => ref *outputs;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVector, TSimd>()
            where TVector : struct
            where TSimd : struct, ISimd<TVector> =>
            FixedOrderProduct.Run<TVector, TSimd>(ref _inputs, columns, ref _weights, columns, ref _outputs, units, count, units, columns);
    }
}
