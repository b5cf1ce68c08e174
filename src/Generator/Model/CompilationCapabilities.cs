namespace StaticNet.Generator.Model;

/// <summary>
/// What the compilation the code is generated into can compile, read once per compilation from its references and
/// parse options: whether <c>System.Runtime.Intrinsics.Vector256&lt;T&gt;</c> is visible (it is not under
/// netstandard2.1, Unity's API level) and the C# version. Plain values, so the emit step stays cached while neither
/// changes.
/// </summary>
/// <param name="VectorIntrinsics">Whether generated code may use System.Runtime.Intrinsics; without them it is scalar code and runtime kernel calls.</param>
/// <param name="LanguageVersion">The effective C# version as Roslyn numbers it (900 for C# 9, 1000 for C# 10, …).</param>
internal sealed record CompilationCapabilities(bool VectorIntrinsics, int LanguageVersion)
{
    /// <summary>
    /// The oldest C# the generated code compiles with: it opens with <c>#nullable enable</c> and puts <c>stackalloc</c>
    /// in expressions, both C# 8. Unity compiles C# 9.
    /// </summary>
    public const int MinimumLanguageVersion = 800;

    /// <summary>What a current SDK project has: the defaults the snapshots are written for.</summary>
    public static readonly CompilationCapabilities Latest = new(VectorIntrinsics: true, LanguageVersion: int.MaxValue);

    /// <summary>Whether the generated code compiles with this C# version.</summary>
    public bool SupportsGeneratedCode => LanguageVersion >= MinimumLanguageVersion;

    /// <summary>The version as users write it in LangVersion, e.g. "7.3" or "6.0" (Roslyn numbers C# 1–7 as 1–7, 7.1 on as 701, 702, …, 800).</summary>
    public string LanguageVersionText => LanguageVersion < 100 ? $"{LanguageVersion}.0" : $"{LanguageVersion / 100}.{LanguageVersion % 100}";
}
