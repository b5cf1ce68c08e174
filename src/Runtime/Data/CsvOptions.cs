using System.Collections.Generic;

namespace StaticNet;

/// <summary>
/// How <see cref="CsvReader"/> turns columns into features and targets: which columns to use or skip, a two-class
/// label as one 0/1 target, and the reading limits. The defaults read every non-target column as a feature and a
/// class label as one one-hot target per class.
/// </summary>
public sealed class CsvOptions
{
    /// <summary>
    /// For <see cref="CsvReader.ReadClassification(string, string, CsvOptions)"/>: read the label as ONE target,
    /// 1 where the label is this class and 0 where it is the other one, for a one-output Sigmoid network (binary
    /// cross-entropy). The column must then hold this class and at most one other, and this class at least once
    /// (compared exactly, case-sensitive). <see cref="CsvDataset.ClassNames"/> is then [other, positive] and
    /// <see cref="Dataset.Labels"/> holds 0 or 1. Null (the default) gives one one-hot target per class.
    /// </summary>
    public string? PositiveClass { get; init; }

    /// <summary>
    /// The feature columns, in the order a sample's features take: every other column that is not a target is
    /// skipped (its cells are not read as numbers, so it may hold text such as an id or a name). Null (the default)
    /// makes every non-target, non-ignored column a feature, in header order.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; }

    /// <summary>
    /// Columns to skip (their cells are not read as numbers), such as an id or a free-text column. Each must be in
    /// the header, and none may be a target or one of <see cref="FeatureColumns"/>.
    /// </summary>
    public IReadOnlyList<string>? IgnoreColumns { get; init; }

    /// <summary>The limits (<see cref="ReadOptions.MaxClassCount"/>, <see cref="ReadOptions.MaxDatasetBytes"/>); null for <see cref="ReadOptions.Default"/>.</summary>
    public ReadOptions? Limits { get; init; }
}
