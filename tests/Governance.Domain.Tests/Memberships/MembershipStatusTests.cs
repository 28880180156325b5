using Governance.Domain.Alliances;
using Governance.Domain.Memberships;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Memberships;

public enum MembershipOperation
{
    Admit,
    Reject,
    Activate,
    StartExit,
    CompleteExit,
    Remove,
}

public sealed class MembershipStatusTests
{
    // Applied → Admitted → Active → Exiting → Exited; Rejected from Applied; Removed from any current state.
    private static readonly (MembershipOperation Operation, MembershipStatus From, MembershipStatus To)[] _allowed =
    [
        (MembershipOperation.Admit, MembershipStatus.Applied, MembershipStatus.Admitted),
        (MembershipOperation.Reject, MembershipStatus.Applied, MembershipStatus.Rejected),
        (MembershipOperation.Activate, MembershipStatus.Admitted, MembershipStatus.Active),
        (MembershipOperation.StartExit, MembershipStatus.Admitted, MembershipStatus.Exiting),
        (MembershipOperation.StartExit, MembershipStatus.Active, MembershipStatus.Exiting),
        (MembershipOperation.CompleteExit, MembershipStatus.Exiting, MembershipStatus.Exited),
        (MembershipOperation.Remove, MembershipStatus.Admitted, MembershipStatus.Removed),
        (MembershipOperation.Remove, MembershipStatus.Active, MembershipStatus.Removed),
        (MembershipOperation.Remove, MembershipStatus.Exiting, MembershipStatus.Removed),
    ];

    private readonly Alliance _alliance = Build.Alliance(AllianceStatus.Active);

    public static TheoryData<MembershipOperation, MembershipStatus, MembershipStatus> AllowedTransitions
    {
        get
        {
            var data = new TheoryData<MembershipOperation, MembershipStatus, MembershipStatus>();
            foreach (var (operation, from, to) in _allowed)
            {
                data.Add(operation, from, to);
            }

            return data;
        }
    }

    /// <summary>Every operation from every status it is not allowed from (e.g. Activate from Applied, anything from Exited).</summary>
    public static TheoryData<MembershipOperation, MembershipStatus> IllegalTransitions
    {
        get
        {
            var data = new TheoryData<MembershipOperation, MembershipStatus>();
            foreach (var operation in Enum.GetValues<MembershipOperation>())
            {
                foreach (var from in Enum.GetValues<MembershipStatus>())
                {
                    if (!_allowed.Any(t => t.Operation == operation && t.From == from))
                    {
                        data.Add(operation, from);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Operation_AllowedFromStatus_MovesToTarget(MembershipOperation operation, MembershipStatus from, MembershipStatus to)
    {
        var membership = Build.Membership(_alliance, status: from);
        var version = membership.Version;
        var at = Build.Now.AddDays(10);

        Perform(membership, operation, at);

        Assert.Equal(to, membership.Status);
        Assert.Equal(at, membership.StatusChangedAt);
        Assert.Equal(version + 1, membership.Version);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Operation_NotAllowedFromStatus_RejectedAndUnchanged(MembershipOperation operation, MembershipStatus from)
    {
        var membership = Build.Membership(_alliance, status: from);
        var version = membership.Version;
        var activeKey = membership.ActiveKey;

        Expect.Violation(() => Perform(membership, operation, Build.Now), "membership.invalid-status-transition", "status");

        Assert.Equal(from, membership.Status);
        Assert.Equal(version, membership.Version);
        Assert.Equal(activeKey, membership.ActiveKey);
    }

    [Fact]
    public void FullLifecycle_AppliedToExited_KeepsExitReason()
    {
        var membership = Membership.Apply(_alliance, Build.Enterprise(), MembershipRole.MemberUnit, [], false, Build.Now);

        membership.Admit(Build.Now.AddDays(1), []);
        membership.Activate(Build.Now.AddDays(2));
        membership.StartExit(" 经营方向调整 ", Build.Now.AddDays(30));
        membership.CompleteExit(Build.Now.AddDays(60));

        Assert.Equal(MembershipStatus.Exited, membership.Status);
        Assert.Equal("经营方向调整", membership.StatusReason);
        Assert.Equal(Build.Now.AddDays(60), membership.StatusChangedAt);
        Assert.Equal(4, membership.Version);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Admitted)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Exiting)]
    public void ActiveKey_OpenMembership_IdentifiesAlliancePair(MembershipStatus status)
    {
        var membership = Build.Membership(_alliance, status: status);

        Assert.True(membership.IsOpen);
        Assert.Equal($"{_alliance.Id.Value:N}:{membership.OrganizationId.Value:N}", membership.ActiveKey);
    }

    [Theory]
    [InlineData(MembershipStatus.Rejected)]
    [InlineData(MembershipStatus.Exited)]
    [InlineData(MembershipStatus.Removed)]
    public void ActiveKey_EndedMembership_Null(MembershipStatus status)
    {
        var membership = Build.Membership(_alliance, status: status);

        Assert.False(membership.IsOpen);
        Assert.False(membership.IsCurrentMember);
        Assert.Null(membership.ActiveKey);
    }

    [Theory]
    [InlineData(MembershipStatus.Admitted, true)]
    [InlineData(MembershipStatus.Active, true)]
    [InlineData(MembershipStatus.Exiting, true)]
    [InlineData(MembershipStatus.Applied, false)]
    public void IsCurrentMember_Status_TrueOnlyOnceAdmittedAndUntilEnded(MembershipStatus status, bool expected)
    {
        var membership = Build.Membership(_alliance, status: status);

        Assert.Equal(expected, membership.IsCurrentMember);
    }

    [Theory]
    [InlineData(MembershipOperation.Reject, MembershipStatus.Applied, null)]
    [InlineData(MembershipOperation.Reject, MembershipStatus.Applied, "  ")]
    [InlineData(MembershipOperation.StartExit, MembershipStatus.Active, "")]
    [InlineData(MembershipOperation.Remove, MembershipStatus.Active, null)]
    [InlineData(MembershipOperation.Remove, MembershipStatus.Exiting, " ")]
    public void Operation_ReasonMissing_RejectedAndUnchanged(MembershipOperation operation, MembershipStatus from, string? reason)
    {
        var membership = Build.Membership(_alliance, status: from);

        Expect.Violation(() => Perform(membership, operation, Build.Now, reason), "membership.reason-required", "reason");

        Assert.Equal(from, membership.Status);
    }

    [Theory]
    [InlineData(MembershipOperation.Reject, MembershipStatus.Applied)]
    [InlineData(MembershipOperation.StartExit, MembershipStatus.Active)]
    [InlineData(MembershipOperation.Remove, MembershipStatus.Active)]
    public void Operation_ReasonTooLong_RejectedAndStatusUnchanged(MembershipOperation operation, MembershipStatus from)
    {
        var membership = Build.Membership(_alliance, status: from);
        var version = membership.Version;

        Expect.Violation(
            () => Perform(membership, operation, Build.Now, new string('因', 1001)), "membership.reason-too-long", "reason");

        // A rule violation must leave the aggregate as it was.
        Assert.Equal(from, membership.Status);
        Assert.Equal(version, membership.Version);
        Assert.NotNull(membership.ActiveKey);
    }

    private static void Perform(Membership membership, MembershipOperation operation, DateTimeOffset at, string? reason = "理事会决议")
    {
        switch (operation)
        {
            case MembershipOperation.Admit:
                membership.Admit(at, []);
                break;
            case MembershipOperation.Reject:
                membership.Reject(reason!, at);
                break;
            case MembershipOperation.Activate:
                membership.Activate(at);
                break;
            case MembershipOperation.StartExit:
                membership.StartExit(reason!, at);
                break;
            case MembershipOperation.CompleteExit:
                membership.CompleteExit(at);
                break;
            case MembershipOperation.Remove:
                membership.Remove(reason!, at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation.");
        }
    }
}
