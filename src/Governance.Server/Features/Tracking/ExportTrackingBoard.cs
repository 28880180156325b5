using System.Globalization;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Features.Email;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Tracking;

/// <summary>The tracking board as a workbook file: its bytes, the name to save it under, and when it was made.</summary>
public sealed record TrackingExport(byte[] Content, string FileName, DateTimeOffset GeneratedAt);

/// <summary>
/// The tracking board exported as XLSX (<c>GET /api/v1/alliances/{id}/tracking.xlsx</c> and the board
/// page's download): the board's own access check, times in the email zone, and an audit entry,
/// since a list of people and what they owe leaves the platform.
/// </summary>
public sealed class ExportTrackingBoardHandler(GetTrackingBoardHandler boards, IOptions<EmailOptions> email, AuditTrail audit)
{
    public async Task<TrackingExport> HandleAsync(Guid allianceId, string? lang, CancellationToken cancellationToken)
    {
        var board = await boards.HandleAsync(allianceId, lang, cancellationToken);
        var zone = email.Value.Zone;
        var bytes = TrackingWorkbook.Write(board, zone);
        audit.Record("tracking.export", "Alliance", board.Alliance.Id.ToString(), new Domain.Common.AllianceId(board.Alliance.Id), null,
            $"{board.OpenTasks} open tasks, {board.OverdueTasks} overdue ({board.Language})");
        await audit.SaveChangesAsync(cancellationToken);
        var day = TimeZoneInfo.ConvertTime(board.GeneratedAt, zone).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var name = board.Language == RequestLanguage.English ? $"tracking-{day}.xlsx" : $"督办看板-{board.Alliance.Name}-{day}.xlsx";
        return new TrackingExport(bytes, name, board.GeneratedAt);
    }
}
