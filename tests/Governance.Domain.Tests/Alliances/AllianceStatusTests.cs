using Governance.Domain.Alliances;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Alliances;

public sealed class AllianceStatusTests
{
    // The status machine of DESIGN.md, written out independently of AllianceStatusMachine.
    private static readonly (AllianceStatus From, AllianceStatus To)[] _allowed =
    [
        (AllianceStatus.Proposed, AllianceStatus.UnderReview),
        (AllianceStatus.UnderReview, AllianceStatus.Proposed),
        (AllianceStatus.UnderReview, AllianceStatus.Founded),
        (AllianceStatus.UnderReview, AllianceStatus.Rejected),
        (AllianceStatus.Founded, AllianceStatus.Active),
        (AllianceStatus.Founded, AllianceStatus.Dissolving),
        (AllianceStatus.Active, AllianceStatus.Suspended),
        (AllianceStatus.Active, AllianceStatus.Dissolving),
        (AllianceStatus.Suspended, AllianceStatus.Active),
        (AllianceStatus.Suspended, AllianceStatus.Dissolving),
        (AllianceStatus.Dissolving, AllianceStatus.Dissolved),
    ];

    public static TheoryData<AllianceStatus, AllianceStatus> AllowedTransitions
    {
        get
        {
            var data = new TheoryData<AllianceStatus, AllianceStatus>();
            foreach (var (from, to) in _allowed)
            {
                data.Add(from, to);
            }

            return data;
        }
    }

    /// <summary>Every pair not in the table, self-transitions included (e.g. Dissolved→Active, Proposed→Active, Rejected→anything).</summary>
    public static TheoryData<AllianceStatus, AllianceStatus> IllegalTransitions
    {
        get
        {
            var data = new TheoryData<AllianceStatus, AllianceStatus>();
            foreach (var from in Enum.GetValues<AllianceStatus>())
            {
                foreach (var to in Enum.GetValues<AllianceStatus>())
                {
                    if (!_allowed.Contains((from, to)))
                    {
                        data.Add(from, to);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void MoveTo_AllowedTransition_ChangesStatus(AllianceStatus from, AllianceStatus to)
    {
        var (alliance, chair) = Build.AllianceWithChair(from);
        var at = Build.Now.AddDays(3);

        alliance.MoveTo(to, "主管部门意见", at, [chair]);

        Assert.Equal(to, alliance.Status);
        Assert.Equal("主管部门意见", alliance.StatusReason);
        Assert.Equal(at, alliance.StatusChangedAt);
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void CanMove_AllowedTransition_True(AllianceStatus from, AllianceStatus to)
    {
        Assert.True(AllianceStatusMachine.CanMove(from, to));
        Assert.Contains(to, AllianceStatusMachine.NextFrom(from));
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void MoveTo_IllegalTransition_RejectedAndUnchanged(AllianceStatus from, AllianceStatus to)
    {
        var (alliance, chair) = Build.AllianceWithChair(from);
        var version = alliance.Version;

        Expect.Violation(() => alliance.MoveTo(to, "理由", Build.Now, [chair]), "alliance.invalid-status-transition", "status");

        Assert.Equal(from, alliance.Status);
        Assert.Equal(version, alliance.Version);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void CanMove_IllegalTransition_False(AllianceStatus from, AllianceStatus to)
    {
        Assert.False(AllianceStatusMachine.CanMove(from, to));
        Assert.DoesNotContain(to, AllianceStatusMachine.NextFrom(from));
    }

    [Theory]
    [InlineData(AllianceStatus.UnderReview, AllianceStatus.Rejected, null)]
    [InlineData(AllianceStatus.UnderReview, AllianceStatus.Rejected, "  ")]
    [InlineData(AllianceStatus.UnderReview, AllianceStatus.Proposed, null)]
    [InlineData(AllianceStatus.UnderReview, AllianceStatus.Proposed, "")]
    [InlineData(AllianceStatus.Active, AllianceStatus.Suspended, null)]
    [InlineData(AllianceStatus.Active, AllianceStatus.Dissolving, " ")]
    [InlineData(AllianceStatus.Founded, AllianceStatus.Dissolving, null)]
    [InlineData(AllianceStatus.Suspended, AllianceStatus.Dissolving, null)]
    public void MoveTo_ReasonMissingWhereRequired_RejectedAndUnchanged(AllianceStatus from, AllianceStatus to, string? reason)
    {
        var (alliance, chair) = Build.AllianceWithChair(from);
        var version = alliance.Version;

        Expect.Violation(() => alliance.MoveTo(to, reason, Build.Now, [chair]), "alliance.reason-required", "reason");

        Assert.Equal(from, alliance.Status);
        Assert.Equal(version, alliance.Version);
    }

    [Theory]
    [InlineData(AllianceStatus.Proposed, AllianceStatus.UnderReview)]
    [InlineData(AllianceStatus.UnderReview, AllianceStatus.Founded)]
    [InlineData(AllianceStatus.Founded, AllianceStatus.Active)]
    [InlineData(AllianceStatus.Suspended, AllianceStatus.Active)]
    [InlineData(AllianceStatus.Dissolving, AllianceStatus.Dissolved)]
    public void MoveTo_ReasonNotRequired_MovesWithoutReason(AllianceStatus from, AllianceStatus to)
    {
        var (alliance, chair) = Build.AllianceWithChair(from);

        alliance.MoveTo(to, null, Build.Now, [chair]);

        Assert.Equal(to, alliance.Status);
        Assert.Null(alliance.StatusReason);
    }

    [Fact]
    public void MoveTo_UndefinedStatus_Rejected()
    {
        var alliance = Build.Alliance();

        Expect.Violation(() => alliance.MoveTo((AllianceStatus)42, "理由", Build.Now), "alliance.invalid-status", "status");
    }

    [Fact]
    public void MoveTo_ReasonTooLong_RejectedAndStatusUnchanged()
    {
        var alliance = Build.Alliance(AllianceStatus.Active);
        var version = alliance.Version;

        Expect.Violation(
            () => alliance.MoveTo(AllianceStatus.Suspended, new string('理', 1001), Build.Now), "alliance.reason-too-long", "reason");

        // A rule violation must leave the aggregate as it was.
        Assert.Equal(AllianceStatus.Active, alliance.Status);
        Assert.Equal(version, alliance.Version);
    }

    [Fact]
    public void MoveTo_EachChange_IncrementsVersion()
    {
        var (alliance, chair) = Build.AllianceWithChair(AllianceStatus.Proposed);
        var start = alliance.Version;

        alliance.MoveTo(AllianceStatus.UnderReview, null, Build.Now);
        alliance.MoveTo(AllianceStatus.Founded, null, Build.Now);
        alliance.MoveTo(AllianceStatus.Active, null, Build.Now, [chair]);

        Assert.Equal(start + 3, alliance.Version);
    }
}
