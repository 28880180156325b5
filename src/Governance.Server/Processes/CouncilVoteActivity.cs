using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Governance.Workflows.Activities.Core;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// A ballot of the alliance council on a matter. The eligible voters are the current council; quorum,
/// threshold and recusal come from the charter in force for that matter (the default rule when the
/// charter has none). Council members representing the interested organization are recused at the
/// opening where the rule recuses interested members. The activity waits for the votes and its deadline:
/// every vote resumes it, and it closes as soon as the result can no longer change, or at the deadline.
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "理事会表决",
    DisplayNameEn = "Council vote",
    Description = "A council ballot under the charter's rule for the matter; closes early once decided, or at the deadline.",
    Outcomes = ["Approved", "Rejected", "NoQuorum"],
    CanWait = true)]
[ActivityInput("allianceId", "Guid", Required = true, Description = "The alliance whose council votes.")]
[ActivityInput("matter", "String", Required = true, Form = InputForm.Setting,
    Description = "The voting matter (General, MemberAdmission, MemberRemoval, CharterAmendment, CouncilMemberChange, AnnualReport, EnterpriseExemption, Dissolution).")]
[ActivityInput("subject", "String", Required = true, Description = "What is decided, as the voters read it.")]
[ActivityInput("duration", "TimeSpan", DefaultJson = "\"7.00:00:00\"", Description = "How long the ballot stays open.")]
[ActivityInput("interestedOrganizationId", "Guid", Description = "An organization the matter concerns; its council members are recused.")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive the ballot id and the tally.")]
[ActivityOutput("result", "Object", Description = "{ ballotId, outcome, eligible, recused, yes, no, abstain, quorumMet }")]
public sealed class CouncilVoteActivity : IActivity
{
    public const string TypeName = "Governance.CouncilVote";

    /// <summary>The bookmark every vote (or recusal) on the ballot resumes; its key is the ballot id.</summary>
    public const string BallotBookmark = "Governance.Ballot";

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Services.GetRequiredService<GovernanceDbContext>();
        var allianceId = new AllianceId(context.InputGuid("allianceId") ?? throw new FormatException("allianceId is empty."));
        if (!Enum.TryParse<VotingMatter>(context.InputString("matter"), ignoreCase: false, out var matter) || !Enum.IsDefined(matter))
        {
            return context.Fault($"'{context.InputString("matter")}' is not a voting matter.");
        }

        var alliance = await db.Alliances.SingleOrDefaultAsync(a => a.Id == allianceId);
        if (alliance is null)
        {
            return context.Fault($"Alliance {allianceId} does not exist.");
        }

        var charter = await db.Charters.AsNoTracking()
            .Where(c => c.AllianceId == allianceId && c.Status == CharterStatus.InForce)
            .SingleOrDefaultAsync();
        var rule = charter?.VotingRules.FirstOrDefault(r => r.Matter == matter) ?? VotingRule.DefaultFor(matter);
        var voters = alliance.CurrentCouncil.Select(s => (s.PersonId, (OrganizationId?)s.OrganizationId)).ToList();
        var deadline = context.Now + (context.InputTimeSpan("duration") ?? TimeSpan.FromDays(7));
        Ballot ballot;
        try
        {
            ballot = new Ballot(BallotId.New(), allianceId, context.InputString("subject") ?? string.Empty, rule, voters, deadline, context.Now);
            if (context.InputGuid("interestedOrganizationId") is { } interested && rule.RecuseInterestedMembers)
            {
                foreach (var seat in alliance.CurrentCouncil.Where(s => s.OrganizationId.Value == interested))
                {
                    ballot.Recuse(seat.PersonId, "所代表单位为本事项利害关系方", context.Now);
                }
            }
        }
        catch (DomainRuleViolation violation)
        {
            return context.Fault($"{violation.Code}: {violation.Message}");
        }

        if (ballot.Voters.Count == 0)
        {
            return context.Fault($"Alliance {allianceId} has no council to vote.");
        }

        db.Ballots.Add(ballot);

        // Each voter's inbox shows the ballot as a task, done when the voter votes or declares a conflict.
        PersonId? initiator = Guid.TryParse(context.Actor, out var actor) ? new PersonId(actor) : null;
        var title = VoteTaskTitle(ballot.Subject);
        foreach (var voter in ballot.Voters.Where(v => !v.Recused))
        {
            var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Vote, title, voter.PersonId, allianceId, initiator, ballot.Deadline, context.Now);
            task.AttachToWorkflow(context.InstanceId, context.Activity.Id, ballot.Id.Value.ToString());
            db.Tasks.Add(task);
            await context.Services.GetRequiredService<EmailComposer>().ComposeAsync(RecipientSpec.Person(voter.PersonId),
                new BallotOpenedEmail(ballot.Id, ballot.Subject, alliance.Name, allianceId, ballot.Deadline));
        }

        context.Summary = $"ballot {ballot.Id.Value} ({matter}, {rule.Quorum} quorum, {rule.Threshold}), {ballot.Voters.Count} voters, until {deadline:O}";
        Remember(context, ballot, null);
        return context.Suspend(Waits(ballot, includeDeadline: true));
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resume = context.Resume!;
        var db = context.Services.GetRequiredService<GovernanceDbContext>();
        var ballotId = new BallotId(Guid.Parse(resume.Bookmark.Key ?? resume.Bookmark.Payload!["ballotId"]!.GetValue<string>()));
        var ballot = await db.Ballots.SingleAsync(b => b.Id == ballotId);
        var atDeadline = resume.Bookmark.Kind == DelayActivity.BookmarkKind;
        if (!atDeadline && ballot.DecidedOutcome() is null)
        {
            context.Summary = $"{ballot.Votes.Count} of {ballot.Voters.Count(v => !v.Recused)} voted";
            return context.Suspend(Waits(ballot, includeDeadline: false));
        }

        var tally = ballot.Close(context.Now);

        // Filtered in memory: the vote that resumed this step completed its task in this same
        // transaction, so the database still has it open.
        var key = ballot.Id.Value.ToString();
        foreach (var open in (await db.Tasks.Where(t => t.WaitKey == key).ToListAsync()).Where(t => t.Status == WorkTaskStatus.Open))
        {
            open.Cancel(atDeadline ? "表决期限已到，未投票" : "表决结果已确定，表决提前结束", context.Now);
        }

        Remember(context, ballot, tally);
        context.Summary = $"{tally.Outcome}: yes {tally.Yes}, no {tally.No}, abstain {tally.Abstain}, eligible {tally.Eligible}, recused {tally.Recused}"
            + (atDeadline ? " (deadline)" : " (decided before the deadline)");
        return context.Complete(tally.Outcome.ToString());
    }

    /// <summary>The title of a voter's task: the subject, cut to what a task title holds.</summary>
    internal static string VoteTaskTitle(string subject)
    {
        var title = $"理事会表决：{subject}";
        return title.Length <= 300 ? title : string.Concat(title.AsSpan(0, 299), "…");
    }

    private static BookmarkRequest[] Waits(Ballot ballot, bool includeDeadline)
    {
        var vote = new BookmarkRequest(BallotBookmark, ballot.Id.Value.ToString());
        return includeDeadline
            ? [vote, new BookmarkRequest(DelayActivity.BookmarkKind, Payload: new JsonObject { ["ballotId"] = ballot.Id.Value.ToString() }, DueAt: ballot.Deadline)]
            : [vote];
    }

    private static void Remember(ActivityContext context, Ballot ballot, BallotTally? tally)
    {
        if (context.InputString("resultVariable") is not { Length: > 0 } variable)
        {
            return;
        }

        context.SetVariable(variable, new JsonObject
        {
            ["ballotId"] = ballot.Id.Value,
            ["outcome"] = tally?.Outcome.ToString(),
            ["eligible"] = tally?.Eligible,
            ["recused"] = tally?.Recused,
            ["yes"] = tally?.Yes,
            ["no"] = tally?.No,
            ["abstain"] = tally?.Abstain,
            ["quorumMet"] = tally?.QuorumMet,
        });
    }
}
