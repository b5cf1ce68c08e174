namespace StaticNet.Kernels;

/// <summary>The deterministic form of <see cref="IUnaryOperator"/> in the netstandard2.1 build, which has no vector forms.</summary>
internal partial interface IUnaryOperator
{
    /// <summary>f(x) as deterministic networks compute it: the twin of the vector builds' one form (<see cref="FusedScalarFunctions"/>).</summary>
    float EvaluateFused(float x);
}

/// <summary>The deterministic form of <see cref="IDerivativeOperator"/> in the netstandard2.1 build.</summary>
internal partial interface IDerivativeOperator
{
    /// <summary>δ ⊙ g'(v) as deterministic networks compute it (see <see cref="IUnaryOperator.EvaluateFused"/>).</summary>
    float EvaluateFused(float delta, float value);
}

/// <summary>The deterministic form of <see cref="ExpOperator"/> in the netstandard2.1 build.</summary>
internal readonly partial struct ExpOperator
{
    public float EvaluateFused(float x) => FusedScalarFunctions.Exp(x);
}
