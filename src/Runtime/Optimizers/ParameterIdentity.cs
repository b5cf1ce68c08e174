using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace StaticNet;

/// <summary>
/// The parameter vector a stateful optimizer's state (velocity, moments) belongs to, so that stepping a second vector
/// with it is an error rather than a silent mix of two networks' statistics.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Trainer.Fit"/> names the network (<see cref="Claim"/>): a check by object identity, certain.
/// </para>
/// <para>
/// <see cref="IOptimizer.Step"/> sees only a span, so it compares the span's length and the address of its first
/// element with the first step's. A span cannot say which array it lies in, and a garbage collection may move a
/// managed array (generated networks keep small parameter vectors in ordinary arrays; large ones in pinned memory,
/// see <see cref="CompilerServices.ParameterMemory"/>). So a new address is an error only when no collection has run since the
/// address was recorded, when no array can have moved; after a collection it is taken to be the same vector, moved,
/// and recorded. The cost of a step is two comparisons, plus a read of the collection count when the address changed.
/// </para>
/// </remarks>
internal sealed class ParameterIdentity
{
    private readonly string _optimizer;
    private object? _network;
    private nint _address;
    private int _length = -1;
    private int _collections;

    public ParameterIdentity(string optimizer) => _optimizer = optimizer;

    /// <summary>Binds the state to <paramref name="network"/>, or throws if it belongs to another one.</summary>
    public void Claim(object network)
    {
        // Atomic: two Fits of two networks starting at once on one new optimizer must not both bind it.
        object? bound = Interlocked.CompareExchange(ref _network, network, null);
        if (bound is not null && !ReferenceEquals(bound, network))
        {
            throw Shared($"was used by Trainer.Fit for another {bound.GetType().Name} instance");
        }
    }

    /// <summary>Records the first step's vector, or throws if <paramref name="parameters"/> is evidently another one.</summary>
    public void Check(ReadOnlySpan<float> parameters)
    {
        if (_length < 0)
        {
            Record(parameters);
            _length = parameters.Length;
            return;
        }

        if (parameters.Length != _length)
        {
            throw Shared($"was first used with {_length} parameters, and is now stepping {parameters.Length}");
        }

        if (AddressOf(parameters) != _address)
        {
            if (GC.CollectionCount(0) == _collections)
            {
                throw Shared("is stepping a parameter vector at another address than its previous step's, with no garbage collection in between to have moved it");
            }

            Record(parameters);
        }
    }

    /// <summary>Forgets the vector (<see cref="IOptimizer.Reset"/>): the next step or Fit may use any.</summary>
    public void Reset()
    {
        _network = null;
        _length = -1;
    }

    private void Record(ReadOnlySpan<float> parameters)
    {
        // The count first: a collection between the two reads then leaves an older count, which only makes a later
        // move look legitimate, never a legitimate move look like another vector.
        _collections = GC.CollectionCount(0);
        _address = AddressOf(parameters);
    }

    private static nint AddressOf(ReadOnlySpan<float> parameters) =>
        (nint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(parameters));

    private InvalidOperationException Shared(string what) =>
        new($"This {_optimizer} {what}. Its state (velocity, moment estimates) belongs to one parameter vector: use one optimizer per parameter vector (a new {_optimizer} for each network), or call Reset() before using it for another.");
}
