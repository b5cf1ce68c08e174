namespace StaticNet;

/// <summary>
/// An optimizer whose state belongs to one parameter vector (see <see cref="ParameterIdentity"/>), which
/// <see cref="Trainer.Fit"/> binds to its network before training.
/// </summary>
internal interface IStatefulOptimizer
{
    /// <summary>Binds the state to <paramref name="network"/>, or throws if it belongs to another one.</summary>
    void Claim(object network);
}
