using StaticNet;

namespace StaticNet.Samples.Xor;

/// <summary>The smallest network that can learn XOR: two sigmoid hidden units.</summary>
[Network(2, 2, 1)]
public partial class Xor221
{
}

/// <summary>The classic textbook version, with four hidden units: it converges from far more starting points.</summary>
[Network(2, 4, 1)]
public partial class Xor241
{
}
