using Governance.Documents.Layout;

namespace Governance.Documents.Tests.Support;

public static class Fonts
{
    private static readonly Lazy<FontSet> Shared = new(() => FontSet.Discover());

    public static FontSet Set => Shared.Value;
}
