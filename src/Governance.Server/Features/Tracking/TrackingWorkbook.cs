using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Governance.Server.Api;

namespace Governance.Server.Features.Tracking;

/// <summary>
/// The tracking board as an Excel workbook (Office Open XML): one row per owed task, overdue first, with
/// the headers in the board's language; times are real date cells in the given zone (北京时间 by default).
/// </summary>
public static class TrackingWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint OverdueStyle = 3;

    public static IReadOnlyList<string> Headers(string language) => language == RequestLanguage.English
        ? ["Process", "Step", "Task", "Kind", "Person", "Organization", "Since", "Due", "Overdue", "Days overdue", "Last reminded", "Reminders"]
        : ["流程", "当前环节", "事项", "类型", "承办人", "所在单位", "起始时间", "办理期限", "是否逾期", "逾期天数", "最近催办", "催办次数"];

    public static string SheetName(string language) => language == RequestLanguage.English ? "Tracking" : "督办看板";

    public static byte[] Write(TrackingBoardResponse board, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(zone);
        var english = board.Language == RequestLanguage.English;
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var headers = Headers(board.Language);
            data.Append(Row(1, headers.Select(h => Text(h, HeaderStyle))));
            uint index = 2;
            foreach (var process in board.Processes)
            {
                foreach (var owed in process.Owed)
                {
                    data.Append(Row(index++,
                    [
                        Text(process.WorkflowName ?? (english ? "(no process)" : "（非流程事项）")),
                        Text(owed.Step?.ActivityName ?? string.Empty),
                        Text(owed.Title),
                        Text(owed.KindName),
                        Text(owed.Person.Name),
                        Text(owed.Organization?.Name ?? string.Empty),
                        Date(owed.Since, zone),
                        owed.DueAt is { } due ? Date(due, zone) : Text(english ? "none" : "无"),
                        Text(owed.Overdue ? (english ? "Yes" : "是") : (english ? "No" : "否"), owed.Overdue ? OverdueStyle : 0),
                        Number(owed.DaysOverdue),
                        owed.LastRemindedAt is { } reminded ? Date(reminded, zone) : Text(string.Empty),
                        Number(owed.Reminders),
                    ]));
                }
            }

            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                })
                { WorkbookViewId = 0 }),
                new Columns(headers.Select((_, i) => new Column
                {
                    Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Widths[i], CustomWidth = true,
                })),
                data,
                new AutoFilter { Reference = $"A1:{ColumnName(headers.Count)}{Math.Max(index - 1, 1)}" });
            workbook.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(board.Language),
            }));
            workbook.Workbook.AppendChild(new DefinedNames(new DefinedName($"'{SheetName(board.Language)}'!$A$1:${ColumnName(headers.Count)}${Math.Max(index - 1, 1)}")
            {
                Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true,
            }));
            document.PackageProperties.Title = english ? $"Tracking board — {board.Alliance.Name}" : $"督办看板 — {board.Alliance.Name}";
            document.PackageProperties.Creator = board.Alliance.Name;
            document.PackageProperties.Created = board.GeneratedAt.UtcDateTime;
        }

        return stream.ToArray();
    }

    private static readonly double[] Widths = [28, 18, 40, 10, 12, 28, 18, 18, 10, 10, 18, 10];

    private static Row Row(uint index, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 1;
        foreach (var cell in cells)
        {
            cell.CellReference = $"{ColumnName(column++)}{index}";
            row.Append(cell);
        }

        return row;
    }

    private static Cell Text(string text, uint style = 0) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString,
        StyleIndex = style == 0 ? null : UInt32Value.FromUInt32(style),
    };

    private static Cell Number(int value) => new(new CellValue(value));

    // Excel dates are local wall-clock days since 1899-12-30; the zone is the one people read times in.
    private static Cell Date(DateTimeOffset at, TimeZoneInfo zone) =>
        new(new CellValue(TimeZoneInfo.ConvertTime(at, zone).DateTime.ToOADate())) { StyleIndex = DateStyle };

    private static string ColumnName(int number)
    {
        var name = string.Empty;
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }

        return name;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Noto Sans CJK SC" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Noto Sans CJK SC" }),
            new Font(new FontSize { Val = 11 }, new Color { Rgb = "FFC00000" }, new FontName { Val = "Noto Sans CJK SC" }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            new CellFormat { FontId = 1, FillId = 2, BorderId = 0, NumberFormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 2, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true })
        { Count = 4 });
}
