using System;
using System.Numerics.Tensors;

namespace StaticNet.Benchmarks.Baselines;

/// <summary>
/// Baseline (b): the same network built on <see cref="TensorPrimitives"/> — vectorised dot products, activations,
/// softmax and updates over spans, with sizes still read at run time. This is the strongest a .NET developer gets
/// from the platform without generating code.
/// </summary>
public sealed class TensorPrimitivesMlp : IBaselineMlp
{
    private readonly Activation[] _activations;
    private readonly Loss _loss;
    private readonly float[][] _z, _a, _delta;
    private readonly float[] _derivative;

    /// <summary>Creates the network; load weights with <see cref="MlpParameters.LoadFrom"/>.</summary>
    public TensorPrimitivesMlp(int[] sizes, Activation[] activations, Loss loss)
    {
        Parameters = new MlpParameters(sizes);
        _activations = activations;
        _loss = loss;
        _z = new float[sizes.Length - 1][];
        _a = new float[sizes.Length - 1][];
        _delta = new float[sizes.Length - 1][];
        int widest = 0;
        for (int l = 0; l < _z.Length; l++)
        {
            _z[l] = new float[sizes[l + 1]];
            _a[l] = new float[sizes[l + 1]];
            _delta[l] = new float[sizes[l + 1]];
            widest = Math.Max(widest, sizes[l + 1]);
        }

        _derivative = new float[widest];
    }

    /// <inheritdoc />
    public MlpParameters Parameters { get; }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        RunForward(input);
        _a[^1].CopyTo(output);
    }

    /// <inheritdoc />
    public float Accumulate(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        RunForward(input);
        int last = _a.Length - 1;
        Span<float> y = _a[last], d = _delta[last];
        float loss;
        TensorPrimitives.Subtract(y, target, d);
        if (_loss == Loss.CrossEntropy)
        {
            // Softmax and cross-entropy fused (one-hot targets): δ = ŷ − y.
            loss = -TensorPrimitives.Dot(target, LogOf(y));
        }
        else
        {
            loss = 0.5f * TensorPrimitives.Dot(d, d);
            MultiplyByDerivative(_activations[last], d, _z[last], y);
        }

        for (int l = last; l >= 0; l--)
        {
            float[] w = Parameters.Weights[l], gw = Parameters.WeightGradients[l];
            ReadOnlySpan<float> below = l == 0 ? input : _a[l - 1];
            int n = _delta[l].Length, m = below.Length;
            TensorPrimitives.Add(Parameters.BiasGradients[l], _delta[l], Parameters.BiasGradients[l]);
            for (int j = 0; j < n; j++)
            {
                Span<float> row = gw.AsSpan(j * m, m);
                TensorPrimitives.MultiplyAdd(below, _delta[l][j], row, row);
            }

            if (l > 0)
            {
                Span<float> previous = _delta[l - 1];
                previous.Clear();
                for (int j = 0; j < n; j++)
                {
                    TensorPrimitives.MultiplyAdd(w.AsSpan(j * m, m), _delta[l][j], previous, previous);
                }

                MultiplyByDerivative(_activations[l - 1], previous, _z[l - 1], _a[l - 1]);
            }
        }

        return loss;
    }

    /// <inheritdoc />
    public void SgdStep(float learningRate, float gradientScale)
    {
        float step = -learningRate * gradientScale;
        for (int l = 0; l < Parameters.Weights.Length; l++)
        {
            TensorPrimitives.MultiplyAdd(Parameters.WeightGradients[l], step, Parameters.Weights[l], Parameters.Weights[l]);
            TensorPrimitives.MultiplyAdd(Parameters.BiasGradients[l], step, Parameters.Biases[l], Parameters.Biases[l]);
            Array.Clear(Parameters.WeightGradients[l]);
            Array.Clear(Parameters.BiasGradients[l]);
        }
    }

    private Span<float> LogOf(ReadOnlySpan<float> probabilities)
    {
        Span<float> logs = _derivative.AsSpan(0, probabilities.Length);
        TensorPrimitives.Max(probabilities, 1e-30f, logs);
        TensorPrimitives.Log(logs, logs);
        return logs;
    }

    private void RunForward(ReadOnlySpan<float> input)
    {
        ReadOnlySpan<float> a = input;
        for (int l = 0; l < _z.Length; l++)
        {
            float[] w = Parameters.Weights[l], b = Parameters.Biases[l], z = _z[l];
            int m = a.Length;
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = TensorPrimitives.Dot(w.AsSpan(j * m, m), a) + b[j];
            }

            switch (_activations[l])
            {
                case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, _a[l]); break;
                case Activation.Tanh: TensorPrimitives.Tanh(z, _a[l]); break;
                case Activation.ReLU: TensorPrimitives.Max(z, 0f, _a[l]); break;
                case Activation.Softmax: TensorPrimitives.SoftMax(z, _a[l]); break;
                default: z.CopyTo(_a[l], 0); break;
            }

            a = _a[l];
        }
    }

    private void MultiplyByDerivative(Activation activation, Span<float> delta, ReadOnlySpan<float> z, ReadOnlySpan<float> a)
    {
        Span<float> g = _derivative.AsSpan(0, delta.Length);
        switch (activation)
        {
            case Activation.Sigmoid:
                TensorPrimitives.Multiply(a, a, g);
                TensorPrimitives.Subtract(a, g, g); // a − a²
                break;
            case Activation.Tanh:
                TensorPrimitives.Multiply(a, a, g);
                TensorPrimitives.Subtract(1f, g, g); // 1 − a²
                break;
            case Activation.ReLU:
                // No comparison-to-mask primitive exists, so [z > 0] is a plain loop.
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] = z[i] > 0f ? delta[i] : 0f;
                }

                return;
            default:
                return;
        }

        TensorPrimitives.Multiply(delta, g, delta);
    }
}
