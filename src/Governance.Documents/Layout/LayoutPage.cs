namespace Governance.Documents.Layout;

internal abstract record PageOp;

internal sealed record TextOp(float X, float Baseline, string Text, TextStyle Style) : PageOp;

internal sealed record LineOp(float X1, float Y1, float X2, float Y2, float Thickness, byte Grey = 0) : PageOp;

internal sealed record FillOp(float Left, float Top, float Right, float Bottom, byte Grey) : PageOp;

internal sealed class LayoutPage
{
    public List<PageOp> Ops { get; } = [];

    public bool HasContent => Ops.Count > 0;
}

/// <summary>A4 in points, margins of 25 mm left and right, room above and below for header and footer.</summary>
internal static class PageGeometry
{
    public const float Width = 595.28f;
    public const float Height = 841.89f;
    public const float Left = 72f;
    public const float Right = Width - 72f;
    public const float Top = 86f;
    public const float Bottom = Height - 76f;
    public const float ContentWidth = Right - Left;
    public const float HeaderBaseline = 52f;
    public const float FooterBaseline = Height - 40f;
    public const float MillimetresToPoints = 72f / 25.4f;
}

public sealed class DocumentLayoutException(string message) : Exception(message);
