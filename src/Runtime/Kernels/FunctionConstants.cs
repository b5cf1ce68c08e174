namespace StaticNet.Kernels;

/// <summary>
/// The constants of the activation functions, shared by their vector forms (<c>ActivationFunctions</c>,
/// <c>SmoothFunctions</c>) and their one-float form (<see cref="ScalarFunctions"/>), so every build computes with the
/// same numbers.
/// </summary>
internal static class FunctionConstants
{
    // Beyond these, e^x is not a normal float. Clamping keeps 2^n inside the exponent field; above the upper bound
    // the result is replaced by +∞ so that 1/(1 + e^x) and 1 − 2/(e^x + 1) saturate exactly.
    public const float ExpLowerBound = -87.3f;
    public const float ExpUpperBound = 88.3f;

    // Adding 1.5·2^23 rounds a float to an integer and leaves that integer in the low mantissa bits.
    public const float RoundingMagic = 12582912f;
    public const int RoundingMagicBits = 0x4B400000;
    public const float Log2E = 1.44269504088896341f;

    // ln 2 in two parts: n·Ln2High is exact for |n| < 2^9, so r keeps its precision.
    public const float Ln2High = 0.693359375f;
    public const float Ln2Low = -2.12194440e-4f;

    // tanh(x) rounds to ±1 in float beyond |x| ≈ 9.01; the rational approximation is fitted on [−7.905, 7.905].
    public const float TanhClamp = 7.90531110763549805f;
    public const float TanhSaturation = 9.1f;

    // 1/√2 and 1/√(2π), as PyTorch's GELU writes them (M_SQRT1_2, M_2_SQRTPI · M_SQRT1_2 · 0.5).
    public const float InverseSqrt2 = 0.707106781186547524f;
    public const float InverseSqrt2Pi = 0.398942280401432678f;

    // PyTorch's Softplus threshold (β = 1): above it the function is the identity and its derivative 1.
    public const float SoftplusThreshold = 20f;

    // Beyond this |z|, z·φ(z) of GELU's derivative is below 1e-80: zero, and no ∞·0 from a clamped exponent.
    public const float GaussianNegligible = 20f;
}
