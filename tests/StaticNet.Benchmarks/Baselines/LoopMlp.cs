using System;

namespace StaticNet.Benchmarks.Baselines;

/// <summary>
/// Baseline (a): a fully connected network as a .NET developer writes it by hand — float[] weights, sizes read at run
/// time, plain nested loops and MathF per element. Scratch is allocated once in the constructor, so it is measured
/// without garbage-collection noise.
/// </summary>
public sealed class LoopMlp : IBaselineMlp
{
    private readonly Activation[] _activations;
    private readonly Loss _loss;
    private readonly float[][] _z, _a, _delta;

    /// <summary>Creates the network; load weights with <see cref="MlpParameters.LoadFrom"/>.</summary>
    public LoopMlp(int[] sizes, Activation[] activations, Loss loss)
    {
        Parameters = new MlpParameters(sizes);
        _activations = activations;
        _loss = loss;
        _z = new float[sizes.Length - 1][];
        _a = new float[sizes.Length - 1][];
        _delta = new float[sizes.Length - 1][];
        for (int l = 0; l < _z.Length; l++)
        {
            _z[l] = new float[sizes[l + 1]];
            _a[l] = new float[sizes[l + 1]];
            _delta[l] = new float[sizes[l + 1]];
        }
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
        float[] y = _a[last], d = _delta[last];
        float loss = 0f;
        for (int k = 0; k < y.Length; k++)
        {
            float error = y[k] - target[k];
            if (_loss == Loss.CrossEntropy)
            {
                loss -= target[k] * MathF.Log(MathF.Max(y[k], 1e-30f));
                d[k] = error; // softmax and cross-entropy fused, one-hot targets
            }
            else
            {
                loss += 0.5f * error * error;
                d[k] = error * Derivative(_activations[last], _z[last][k], y[k]);
            }
        }

        for (int l = last; l >= 0; l--)
        {
            float[] w = Parameters.Weights[l], gw = Parameters.WeightGradients[l], gb = Parameters.BiasGradients[l];
            ReadOnlySpan<float> below = l == 0 ? input : _a[l - 1];
            int n = _delta[l].Length, m = below.Length;
            for (int j = 0; j < n; j++)
            {
                float dj = _delta[l][j];
                gb[j] += dj;
                for (int k = 0; k < m; k++)
                {
                    gw[(j * m) + k] += dj * below[k];
                }
            }

            if (l > 0)
            {
                for (int k = 0; k < m; k++)
                {
                    float sum = 0f;
                    for (int j = 0; j < n; j++)
                    {
                        sum += w[(j * m) + k] * _delta[l][j];
                    }

                    _delta[l - 1][k] = sum * Derivative(_activations[l - 1], _z[l - 1][k], _a[l - 1][k]);
                }
            }
        }

        return loss;
    }

    /// <inheritdoc />
    public void SgdStep(float learningRate, float gradientScale)
    {
        float step = learningRate * gradientScale;
        for (int l = 0; l < Parameters.Weights.Length; l++)
        {
            Update(Parameters.Weights[l], Parameters.WeightGradients[l], step);
            Update(Parameters.Biases[l], Parameters.BiasGradients[l], step);
        }
    }

    private static void Update(float[] values, float[] gradient, float step)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] -= step * gradient[i];
            gradient[i] = 0f;
        }
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
                float sum = b[j];
                for (int k = 0; k < m; k++)
                {
                    sum += w[(j * m) + k] * a[k];
                }

                z[j] = sum;
            }

            Activate(_activations[l], z, _a[l]);
            a = _a[l];
        }
    }

    private static void Activate(Activation activation, float[] z, float[] a)
    {
        if (activation == Activation.Softmax)
        {
            float max = float.NegativeInfinity, sum = 0f;
            foreach (float v in z)
            {
                max = MathF.Max(max, v);
            }

            for (int j = 0; j < z.Length; j++)
            {
                a[j] = MathF.Exp(z[j] - max);
                sum += a[j];
            }

            for (int j = 0; j < a.Length; j++)
            {
                a[j] /= sum;
            }

            return;
        }

        for (int j = 0; j < z.Length; j++)
        {
            a[j] = activation switch
            {
                Activation.Sigmoid => 1f / (1f + MathF.Exp(-z[j])),
                Activation.Tanh => MathF.Tanh(z[j]),
                Activation.ReLU => MathF.Max(0f, z[j]),
                _ => z[j],
            };
        }
    }

    private static float Derivative(Activation activation, float z, float a) => activation switch
    {
        Activation.Sigmoid => a * (1f - a),
        Activation.Tanh => 1f - (a * a),
        Activation.ReLU => z > 0f ? 1f : 0f,
        _ => 1f,
    };
}
