// Compiled into the generator too (linked by src/Generator/StaticNet.Generator.csproj), as the Regex generator links
// RegexOptions.cs: one definition of the values, internal to the generator and in its model's namespace there.
#if STATICNET_GENERATOR
namespace StaticNet.Generator.Model;
#else
namespace StaticNet;
#endif

/// <summary>An element-wise (or, for <see cref="Softmax"/>, layer-wise) activation function g in a[l] = g(z[l]).</summary>
#if STATICNET_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary>g(z) = z. Use for regression outputs.</summary>
    Identity = 0,

    /// <summary>g(z) = 1 / (1 + e^-z), with g'(z) = a(1 − a).</summary>
    Sigmoid = 1,

    /// <summary>g(z) = tanh z, with g'(z) = 1 − a².</summary>
    Tanh = 2,

    /// <summary>g(z) = max(0, z), with g'(z) = [z &gt; 0].</summary>
    ReLU = 3,

    /// <summary>g(z) = z for z &gt; 0, otherwise <see cref="P:StaticNet.NetworkAttribute.LeakySlope"/> · z.</summary>
    LeakyReLU = 4,

    /// <summary>g(z)_j = e^(z_j) / Σ_k e^(z_k) over the whole layer. Only valid on the output layer.</summary>
    Softmax = 5,

    /// <summary>g(z) = z · Φ(z) = ½ z (1 + erf(z/√2)), PyTorch's <c>nn.GELU()</c> (the exact form, not the tanh approximation).</summary>
    GELU = 6,

    /// <summary>g(z) = z · σ(z), PyTorch's <c>nn.SiLU()</c> (also called swish).</summary>
    SiLU = 7,

    /// <summary>g(z) = z for z &gt; 0, otherwise e^z − 1: PyTorch's <c>nn.ELU()</c> with α = 1.</summary>
    ELU = 8,

    /// <summary>g(z) = log(1 + e^z), and z itself above 20: PyTorch's <c>nn.Softplus()</c> (β = 1, threshold 20).</summary>
    Softplus = 9,
}
