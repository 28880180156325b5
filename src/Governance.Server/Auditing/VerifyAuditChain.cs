using Governance.Domain.Audit;
using Governance.Server.Access;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Auditing;

/// <summary>Recomputes the hash chain and reports the first broken link (administrators).</summary>
public sealed class VerifyAuditChainHandler(GovernanceDbContext db, AccessControl access)
{
    private const int VerifyBatch = 1000;

    public async Task<AuditChainVerification> HandleAsync(CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);

        // In batches, so a chain of millions is checked in constant memory.
        var expectedPrevious = AuditEntry.GenesisHash;
        long expectedSequence = 1;
        long checkedCount = 0;
        while (true)
        {
            var from = expectedSequence;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence).Take(VerifyBatch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new AuditChainVerification(true, checkedCount, null, null);
            }

            foreach (var entry in batch)
            {
                var problem = entry.Sequence != expectedSequence ? $"Entry {expectedSequence} is missing (found {entry.Sequence})."
                    : !string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal) ? "The previous-hash link does not match the entry before."
                    : !string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal) ? "The entry's content does not match its hash."
                    : null;
                if (problem is not null)
                {
                    return new AuditChainVerification(false, checkedCount, expectedSequence, problem);
                }

                expectedPrevious = entry.Hash;
                expectedSequence++;
                checkedCount++;
            }
        }
    }
}
