using System;

namespace StaticNet.Tests;

/// <summary>
/// The float64 oracle: every element-wise activation and its derivative in double precision, straight from their
/// definitions (GELU's erf by
/// Simpson's rule on its integral, with no approximation shared with the code under test), and a double-precision
/// MLP with the MSE loss (½Σ(a − y)² per sample) that computes the loss gradient by plain backpropagation, and for the
/// other losses the loss in double precision with its gradient by central differences (exact to about 1e-10).
/// </summary>
internal static class DoubleReference
{
    /// <summary>The activations this reference knows.</summary>
    public static readonly Activation[] Smooth = { Activation.GELU, Activation.SiLU, Activation.ELU, Activation.Softplus };

    /// <summary>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, by composite Simpson's rule on 4000 intervals (error below 1e-15 for |x| ≤ 6).</summary>
    public static double Erf(double x)
    {
        double end = Math.Min(Math.Abs(x), 6.0);
        const int intervals = 4000;
        double h = end / intervals, sum = 1 + Math.Exp(-end * end);
        for (int i = 1; i < intervals; i++)
        {
            double t = i * h;
            sum += (i % 2 == 1 ? 4 : 2) * Math.Exp(-t * t);
        }

        return Math.CopySign(sum * h / 3 * 2 / Math.Sqrt(Math.PI), x);
    }

    /// <summary>g(z), with <paramref name="slope"/> for LeakyReLU.</summary>
    public static double Function(Activation activation, double z, double slope = 0) => activation switch
    {
        Activation.LeakyReLU => z > 0 ? z : slope * z,
        Activation.Identity => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(0, z),
        Activation.GELU => z * 0.5 * (1 + Erf(z / Math.Sqrt(2))),
        Activation.SiLU => z * Sigmoid(z),
        Activation.ELU => z > 0 ? z : Math.Exp(z) - 1,
        Activation.Softplus => z > 20 ? z : Math.Log(1 + Math.Exp(z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>g'(z).</summary>
    public static double Derivative(Activation activation, double z) => activation switch
    {
        Activation.Identity => 1,
        Activation.Sigmoid => Sigmoid(z) * (1 - Sigmoid(z)),
        Activation.Tanh => 1 - (Math.Tanh(z) * Math.Tanh(z)),
        Activation.ReLU => z > 0 ? 1 : 0,
        Activation.GELU => (0.5 * (1 + Erf(z / Math.Sqrt(2)))) + (z * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI)),
        Activation.SiLU => Sigmoid(z) * (1 + (z * (1 - Sigmoid(z)))),
        Activation.ELU => z > 0 ? 1 : Math.Exp(z),
        Activation.Softplus => z > 20 ? 1 : Sigmoid(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>
    /// The MSE loss ½Σ(a − y)² of one sample and its gradient with respect to every parameter (nn.Linear order,
    /// as <see cref="NetworkWeights.CopyParametersTo"/> gives them), by backpropagation in double precision.
    /// </summary>
    public static (double Loss, double[] Gradient) LossGradient(float[] parameters, int[] sizes, Activation[] activations, float[] input, float[] target)
    {
        int layers = sizes.Length - 1;
        var a = new double[layers + 1][];
        var z = new double[layers + 1][];
        var offsets = new int[layers + 1];
        a[0] = Array.ConvertAll(input, v => (double)v);
        for (int l = 1, offset = 0; l <= layers; l++)
        {
            int n = sizes[l], m = sizes[l - 1];
            offsets[l] = offset;
            z[l] = new double[n];
            a[l] = new double[n];
            for (int j = 0; j < n; j++)
            {
                double sum = parameters[offset + (n * m) + j];
                for (int k = 0; k < m; k++)
                {
                    sum += parameters[offset + (j * m) + k] * a[l - 1][k];
                }

                z[l][j] = sum;
                a[l][j] = Function(activations[l - 1], sum);
            }

            offset += (n * m) + n;
        }

        double loss = 0;
        var delta = new double[sizes[layers]];
        for (int j = 0; j < delta.Length; j++)
        {
            double error = a[layers][j] - target[j];
            loss += 0.5 * error * error;
            delta[j] = error * Derivative(activations[layers - 1], z[layers][j]);
        }

        var gradient = new double[parameters.Length];
        for (int l = layers; l >= 1; l--)
        {
            int n = sizes[l], m = sizes[l - 1], offset = offsets[l];
            var below = new double[m];
            for (int j = 0; j < n; j++)
            {
                gradient[offset + (n * m) + j] = delta[j];
                for (int k = 0; k < m; k++)
                {
                    gradient[offset + (j * m) + k] = delta[j] * a[l - 1][k];
                    below[k] += parameters[offset + (j * m) + k] * delta[j];
                }
            }

            if (l > 1)
            {
                for (int k = 0; k < m; k++)
                {
                    below[k] *= Derivative(activations[l - 2], z[l - 1][k]);
                }
            }

            delta = below;
        }

        return (loss, gradient);
    }

    /// <summary>The network's output for <paramref name="input"/> in double precision (parameters in nn.Linear order).</summary>
    public static double[] Forward(double[] parameters, int[] sizes, Activation[] activations, double slope, float[] input)
    {
        double[] a = Array.ConvertAll(input, v => (double)v);
        for (int l = 1, offset = 0; l < sizes.Length; l++)
        {
            int n = sizes[l], m = sizes[l - 1];
            var z = new double[n];
            for (int j = 0; j < n; j++)
            {
                z[j] = parameters[offset + (n * m) + j];
                for (int k = 0; k < m; k++)
                {
                    z[j] += parameters[offset + (j * m) + k] * a[k];
                }
            }

            offset += (n * m) + n;
            a = activations[l - 1] == Activation.Softmax ? Softmax(z) : Array.ConvertAll(z, v => Function(activations[l - 1], v, slope));
        }

        return a;
    }

    /// <summary>
    /// The loss of one sample in double precision for any loss and output (softmax included), from the float
    /// parameters: MSE ½Σ(a − y)², cross-entropy −Σ y·log a, binary cross-entropy −Σ [y·log a + (1 − y)·log(1 − a)],
    /// Huber Σ h(a − y) (h(e) = ½e² for |e| &lt; δ, else δ·(|e| − ½δ), PyTorch's HuberLoss(delta)), absolute error Σ |a − y|.
    /// </summary>
    public static double Loss(double[] parameters, int[] sizes, Activation[] activations, Loss loss, float[] input, float[] target, double huberDelta = 1)
    {
        double[] a = Forward(parameters, sizes, activations, 0, input);
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            sum += loss switch
            {
                StaticNet.Loss.MeanSquaredError => 0.5 * (a[j] - target[j]) * (a[j] - target[j]),
                StaticNet.Loss.CrossEntropy => -target[j] * Math.Log(a[j]),
                StaticNet.Loss.Huber => Math.Abs(a[j] - target[j]) < huberDelta ? 0.5 * (a[j] - target[j]) * (a[j] - target[j]) : huberDelta * (Math.Abs(a[j] - target[j]) - (0.5 * huberDelta)),
                StaticNet.Loss.MeanAbsoluteError => Math.Abs(a[j] - target[j]),
                _ => -((target[j] * Math.Log(a[j])) + ((1 - target[j]) * Math.Log(1 - a[j]))),
            };
        }

        return sum;
    }

    /// <summary>∂C/∂θ by central differences of <see cref="Loss"/> in double precision (step 1e-6: error about 1e-10).</summary>
    public static double[] NumericalGradient(float[] parameters, int[] sizes, Activation[] activations, Loss loss, float[] input, float[] target, double huberDelta = 1)
    {
        double[] theta = Array.ConvertAll(parameters, v => (double)v);
        var gradient = new double[theta.Length];
        const double h = 1e-6;
        for (int i = 0; i < theta.Length; i++)
        {
            double original = theta[i];
            theta[i] = original + h;
            double plus = Loss(theta, sizes, activations, loss, input, target, huberDelta);
            theta[i] = original - h;
            double minus = Loss(theta, sizes, activations, loss, input, target, huberDelta);
            theta[i] = original;
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }

    /// <summary>softmax(z), the maximum subtracted first.</summary>
    public static double[] Softmax(double[] z)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double[] e = Array.ConvertAll(z, v => Math.Exp(v - max));
        foreach (double v in e)
        {
            sum += v;
        }

        return Array.ConvertAll(e, v => v / sum);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
