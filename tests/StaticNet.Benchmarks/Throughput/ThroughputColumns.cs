using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StaticNet.Benchmarks.Throughput;

/// <summary>GFLOP/s of a benchmark's median time, and that as a share of the core's FMA peak.</summary>
internal sealed class ThroughputColumn(CorePeak peak, bool asShareOfPeak) : IColumn
{
    /// <inheritdoc/>
    public string Id => asShareOfPeak ? "PeakShare" : "Gflops";

    /// <inheritdoc/>
    public string ColumnName => asShareOfPeak ? "% of peak" : "GFLOP/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => asShareOfPeak ? 1 : 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => asShareOfPeak
        ? $"GFLOP/s over the core's FMA peak, {peak.Gflops:F1} GFLOP/s = {peak.GigaHertz:F2} GHz (measured) × {peak.FlopsPerCycle} FLOP/cycle ({peak.Basis})"
        : "Matrix-product FLOP per call (2 per multiply-add, from the network and batch size) over the median time";

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? flops = MlpWork.FlopsPerCall(benchmarkCase);
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (flops is null || medianNs is null or <= 0)
        {
            return "-";
        }

        double gflops = flops.Value / medianNs.Value;
        return asShareOfPeak
            ? (gflops / peak.Gflops).ToString("P1", CultureInfo.InvariantCulture)
            : gflops.ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}
