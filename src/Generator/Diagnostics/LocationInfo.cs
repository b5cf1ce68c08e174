using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// A location trimmed to equatable values. A <see cref="Location"/> holds a syntax tree, which would keep the whole
/// compilation alive in the incremental cache and never compare equal across runs.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
