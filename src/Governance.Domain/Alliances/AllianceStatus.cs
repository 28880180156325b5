namespace Governance.Domain.Alliances;

public enum AllianceKind
{
    /// <summary>校企联盟</summary>
    SchoolEnterpriseAlliance,

    /// <summary>产教联盟 (产教融合联盟)</summary>
    IndustryEducationAlliance,

    /// <summary>职教集团</summary>
    VocationalEducationGroup,
}

/// <summary>Proposed → UnderReview → Founded → Active ⇄ Suspended → Dissolving → Dissolved.</summary>
public enum AllianceStatus
{
    Proposed,
    UnderReview,
    Rejected,
    Founded,
    Active,
    Suspended,
    Dissolving,
    Dissolved,
}

public static class AllianceStatusMachine
{
    // A founding application that the supervising department returns goes back to Proposed for
    // revision; a rejected one ends there.
    private static readonly Dictionary<AllianceStatus, AllianceStatus[]> Allowed = new()
    {
        [AllianceStatus.Proposed] = [AllianceStatus.UnderReview],
        [AllianceStatus.UnderReview] = [AllianceStatus.Proposed, AllianceStatus.Founded, AllianceStatus.Rejected],
        [AllianceStatus.Rejected] = [],
        [AllianceStatus.Founded] = [AllianceStatus.Active, AllianceStatus.Dissolving],
        [AllianceStatus.Active] = [AllianceStatus.Suspended, AllianceStatus.Dissolving],
        [AllianceStatus.Suspended] = [AllianceStatus.Active, AllianceStatus.Dissolving],
        [AllianceStatus.Dissolving] = [AllianceStatus.Dissolved],
        [AllianceStatus.Dissolved] = [],
    };

    public static bool CanMove(AllianceStatus from, AllianceStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlyList<AllianceStatus> NextFrom(AllianceStatus from) =>
        Allowed.TryGetValue(from, out var targets) ? targets : [];
}
