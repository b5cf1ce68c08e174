using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StaticNet.Benchmarks.Throughput;

/// <summary>
/// GB/s read by a benchmark marked <see cref="BytesReadAttribute"/>, and that as a share of the L2 → L1 floor: the
/// bytes a core can bring in from its L2 cache per cycle (64 on Zen 5, 32 on Zen 3 and 4; <c>STATICNET_L2_BYTES_PER_CYCLE</c>
/// sets it) at the clock the suite measured.
/// </summary>
internal sealed class BandwidthColumn(CorePeak peak, bool asShareOfFloor) : IColumn
{
    private static readonly int BytesPerCycle =
        int.TryParse(Environment.GetEnvironmentVariable("STATICNET_L2_BYTES_PER_CYCLE"), out int configured) && configured > 0 ? configured : 64;

    /// <inheritdoc/>
    public string Id => asShareOfFloor ? "L2FloorShare" : "ReadGBs";

    /// <inheritdoc/>
    public string ColumnName => asShareOfFloor ? "% of L2 floor" : "read GB/s";

    /// <inheritdoc/>
    public bool AlwaysShow => false;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => asShareOfFloor ? 3 : 2;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => asShareOfFloor
        ? $"read GB/s over the L2 → L1 floor, {FloorGigabytesPerSecond:F0} GB/s = {BytesPerCycle} B/cycle × {peak.GigaHertz:F2} GHz (measured)"
        : "Bytes each call must read (its weights, input and biases) over the median time";

    private double FloorGigabytesPerSecond => BytesPerCycle * peak.GigaHertz;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(benchmark => BytesOf(benchmark) is not null);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        int? bytes = BytesOf(benchmarkCase);
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (bytes is null || medianNs is null or <= 0)
        {
            return "-";
        }

        double gigabytesPerSecond = bytes.Value / medianNs.Value;
        return asShareOfFloor
            ? (gigabytesPerSecond / FloorGigabytesPerSecond).ToString("P1", CultureInfo.InvariantCulture)
            : gigabytesPerSecond.ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override string ToString() => ColumnName;

    private static int? BytesOf(BenchmarkCase benchmark) =>
        benchmark.Descriptor.WorkloadMethod.GetCustomAttribute<BytesReadAttribute>()?.Bytes;
}
