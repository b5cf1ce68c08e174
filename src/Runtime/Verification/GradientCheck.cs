using System;
using StaticNet.CompilerServices;

namespace StaticNet;

/// <summary>
/// Compares a network's backpropagated gradient with central finite differences, (C(θ+ε) − C(θ−ε)) / 2ε, for every
/// parameter and every input. A test tool, not a training method: it costs two forward passes per entry.
/// </summary>
/// <remarks>
/// The network's parameters are perturbed in place and restored bit for bit before each method returns.
/// Relative error is |a − n| / max(|a| + |n|, floor). In float32 the finite difference itself carries rounding noise
/// of about 1e-7·|C|/ε (around 1e-5 for a loss of order 1 and ε = 1e-2), so derivatives smaller than <c>floor</c> are
/// compared in absolute terms: with the defaults an entry fails when it is off by more than 1e-4, ten times that noise.
/// </remarks>
public static class GradientCheck
{
    /// <summary>The default step ε, inside the 1e-2…1e-3 range that float32 tolerates.</summary>
    public const float DefaultEpsilon = 1e-2f;

    /// <summary>The default floor of the relative-error denominator, set by float32's finite-difference noise.</summary>
    public const float DefaultFloor = 1e-2f;

    /// <summary>The relative error above which an entry is re-examined at smaller steps before it counts.</summary>
    public const float DefaultTolerance = 1e-2f;

    /// <summary>Checks <see cref="INetwork.Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/> on one sample.</summary>
    /// <param name="network">The network; its parameters are restored afterwards.</param>
    /// <param name="input">The sample x.</param>
    /// <param name="target">The target y.</param>
    /// <param name="epsilon">The finite-difference step ε.</param>
    /// <param name="floor">The floor of the relative-error denominator.</param>
    public static GradientCheckResult CheckLoss(
        INetwork network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> target,
        float epsilon = DefaultEpsilon,
        float floor = DefaultFloor)
        => Check(
            network,
            input,
            target,
            nameof(target),
            (x, y, parameterGradient, inputGradient) => network.Backward(x, y, parameterGradient, inputGradient),
            (output, y) => network.Loss(output, y),
            epsilon,
            floor);

    /// <summary>
    /// Checks <see cref="INetwork.Backpropagate"/> for the scalar L = Σ_k u_k ŷ_k, whose upstream gradient ∂L/∂ŷ is
    /// <paramref name="outputGradient"/> = u. This exercises the output layer's Jacobian (softmax included).
    /// </summary>
    /// <param name="network">The network; its parameters are restored afterwards.</param>
    /// <param name="input">The sample x.</param>
    /// <param name="outputGradient">The upstream gradient u.</param>
    /// <param name="epsilon">The finite-difference step ε.</param>
    /// <param name="floor">The floor of the relative-error denominator.</param>
    public static GradientCheckResult CheckBackpropagate(
        INetwork network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> outputGradient,
        float epsilon = DefaultEpsilon,
        float floor = DefaultFloor)
        => Check(
            network,
            input,
            outputGradient,
            nameof(outputGradient),
            (x, u, parameterGradient, inputGradient) => network.Backpropagate(x, u, parameterGradient, inputGradient),
            Projection,
            epsilon,
            floor);

    /// <summary>L = Σ_k u_k ŷ_k, accumulated in double so that it adds no rounding noise of its own to the difference.</summary>
    private static float Projection(float[] output, float[] u)
    {
        double sum = 0d;
        for (int k = 0; k < u.Length; k++)
        {
            sum += (double)u[k] * output[k];
        }

        return (float)sum;
    }

    /// <summary>
    /// The shared check: runs <paramref name="analytic"/> once for ∂/∂θ and ∂/∂x, then compares every entry with
    /// central differences of <paramref name="scalar"/> (the loss, or the projection) of the network's output.
    /// </summary>
    private static GradientCheckResult Check(
        INetwork network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> outputSide,
        string outputSideName,
        Action<float[], float[], float[], float[]> analytic,
        Func<float[], float[], float> scalar,
        float epsilon,
        float floor)
    {
        ArgumentNullException.ThrowIfNull(network);
        SpanLength.Require(input, network.InputSize, nameof(input));
        SpanLength.Require(outputSide, network.OutputSize, outputSideName);

        float[] x = input.ToArray();
        float[] side = outputSide.ToArray();
        float[] output = new float[network.OutputSize];
        float[] parameterGradient = new float[network.ParameterCount];
        float[] inputGradient = new float[network.InputSize];
        analytic(x, side, parameterGradient, inputGradient);

        float Cost()
        {
            network.Forward(x, output);
            return scalar(output, side);
        }

        return Compare(network, x, parameterGradient, inputGradient, Cost, epsilon, floor);
    }

    private static GradientCheckResult Compare(
        INetwork network,
        float[] input,
        float[] parameterGradient,
        float[] inputGradient,
        Func<float> cost,
        float epsilon,
        float floor)
    {
        if (!(epsilon > 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and finite.");
        }

        if (!(floor > 0f) || float.IsInfinity(floor))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "floor must be positive and finite.");
        }

        var worst = new GradientCheckResult(0f, GradientCheckTarget.Parameter, -1, 0f, 0f, 0, 0);
        int checkedCount = 0, kinkCount = 0;

        void Visit(float[] values, int index, float analytic, GradientCheckTarget target, Func<float> cost)
        {
            if (!TryEstimate(values, index, analytic, cost, epsilon, floor, out float numerical, out float error))
            {
                kinkCount++;
                return;
            }

            checkedCount++;
            if (error > worst.MaxRelativeError || worst.WorstIndex < 0)
            {
                // A parameter is reported where PyTorch (and every weight file) has it, whatever the layer's order in memory.
                int reported = target == GradientCheckTarget.Parameter ? ParameterOrder.ToPyTorchIndex(network, index) : index;
                worst = new GradientCheckResult(error, target, reported, analytic, numerical, 0, 0);
            }
        }

        // Parameters live in the network, so perturb a copy and write it back through the span each time.
        float[] parameters = network.Parameters.ToArray();
        float ParameterCost()
        {
            parameters.AsSpan().CopyTo(network.Parameters);
            return cost();
        }

        try
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                Visit(parameters, i, parameterGradient[i], GradientCheckTarget.Parameter, ParameterCost);
            }
        }
        finally
        {
            parameters.AsSpan().CopyTo(network.Parameters);
        }

        for (int i = 0; i < input.Length; i++)
        {
            Visit(input, i, inputGradient[i], GradientCheckTarget.Input, cost);
        }

        return worst with { CheckedCount = checkedCount, KinkCount = kinkCount };
    }

    /// <summary>
    /// Estimates the derivative by central differences at ε, ε/2 and ε/4 and, where none agrees with
    /// <paramref name="analytic"/>, by second-order one-sided differences on either side. A ReLU kink within the step
    /// spoils the central estimates but not the one-sided estimate taken on its far side, so most kinks resolve.
    /// Returns false when no estimate agrees and the central ones disagree with each other: an unresolved kink.
    /// </summary>
    private static bool TryEstimate(
        float[] values,
        int index,
        float analytic,
        Func<float> cost,
        float epsilon,
        float floor,
        out float numerical,
        out float error)
    {
        float original = values[index];
        float bestEstimate = 0f;
        float bestError = float.PositiveInfinity;

        // Divide by the step actually taken: original ± step is rounded, and the rounding is not negligible in float32.
        float At(float offset)
        {
            values[index] = original + offset;
            return cost();
        }

        float Taken(float offset) => (float)((double)(original + offset) - original);

        bool Consider(float estimate)
        {
            float estimateError = RelativeError(analytic, estimate, floor);
            if (estimateError < bestError)
            {
                bestError = estimateError;
                bestEstimate = estimate;
            }

            return bestError <= DefaultTolerance;
        }

        try
        {
            float first = float.NaN;
            float step = epsilon;
            for (int attempt = 0; attempt < 3; attempt++, step *= 0.5f)
            {
                float central = (At(step) - At(-step)) / (Taken(step) - Taken(-step));
                first = attempt == 0 ? central : first;
                if (Consider(central))
                {
                    return Accept(out numerical, out error);
                }
            }

            float center = At(0f);
            for (step = epsilon; step >= epsilon * 0.5f; step *= 0.5f)
            {
                // (−3f(θ) + 4f(θ+h) − f(θ+2h)) / 2h and its mirror: O(h²) accurate where no kink lies within 2h.
                float forward = (-3f * center + 4f * At(step) - At(2f * step)) / (2f * Taken(step));
                float backward = (3f * center - 4f * At(-step) + At(-2f * step)) / (-2f * Taken(-step));
                if (Consider(forward) || Consider(backward))
                {
                    return Accept(out numerical, out error);
                }
            }

            // A smooth function's central estimates at ε and ε/4 agree to O(ε²); wildly different ones mean a kink.
            Accept(out numerical, out error);
            return RelativeError(first, bestEstimate, floor) <= DefaultTolerance;
        }
        finally
        {
            values[index] = original;
        }

        bool Accept(out float acceptedEstimate, out float acceptedError)
        {
            acceptedEstimate = bestEstimate;
            acceptedError = bestError;
            return true;
        }
    }

    private static float RelativeError(float a, float b, float floor) =>
        MathF.Abs(a - b) / MathF.Max(MathF.Abs(a) + MathF.Abs(b), floor);
}
