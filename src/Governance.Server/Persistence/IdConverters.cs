using Governance.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Governance.Server.Persistence;

internal static class IdConverters
{
    internal sealed class OrganizationIdConverter() : ValueConverter<OrganizationId, Guid>(v => v.Value, v => new OrganizationId(v));

    internal sealed class PersonIdConverter() : ValueConverter<PersonId, Guid>(v => v.Value, v => new PersonId(v));

    internal sealed class AllianceIdConverter() : ValueConverter<AllianceId, Guid>(v => v.Value, v => new AllianceId(v));

    internal sealed class MembershipIdConverter() : ValueConverter<MembershipId, Guid>(v => v.Value, v => new MembershipId(v));

    internal sealed class CharterIdConverter() : ValueConverter<CharterId, Guid>(v => v.Value, v => new CharterId(v));

    internal sealed class BallotIdConverter() : ValueConverter<BallotId, Guid>(v => v.Value, v => new BallotId(v));

    internal sealed class AgreementIdConverter() : ValueConverter<AgreementId, Guid>(v => v.Value, v => new AgreementId(v));

    internal sealed class AnnualReportIdConverter() : ValueConverter<AnnualReportId, Guid>(v => v.Value, v => new AnnualReportId(v));

    internal sealed class WorkTaskIdConverter() : ValueConverter<WorkTaskId, Guid>(v => v.Value, v => new WorkTaskId(v));
}
