namespace Governance.Server.Ui.Infrastructure;

/// <summary>
/// Numbers a page's loads so that only the answer to the latest one is shown. A list reloads when a
/// filter changes, a page is turned or an action completes; those loads overlap, and answers can come
/// back in any order, so an earlier, slower answer must not replace a later one.
/// </summary>
/// <remarks>A component's code runs on its circuit one piece at a time, so a plain counter suffices.</remarks>
public sealed class LatestLoad
{
    private int _latest;

    /// <summary>Call when a load starts; keep the number.</summary>
    public int Start() => ++_latest;

    /// <summary>Whether no load has started since <paramref name="load"/>: only then is its answer shown.</summary>
    public bool IsLatest(int load) => load == _latest;
}
