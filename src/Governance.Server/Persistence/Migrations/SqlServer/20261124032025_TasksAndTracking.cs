using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Server.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TasksAndTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "WorkflowInstances",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "TaskEvents",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TaskCcRecipients",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskCcRecipients", x => new { x.TaskId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_TaskCcRecipients_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The copies were a JSON list on the task; each becomes a row before the column goes.
            migrationBuilder.Sql(
                """
                INSERT INTO [TaskCcRecipients] ([TaskId], [PersonId])
                SELECT DISTINCT t.[Id], CAST(j.[value] AS uniqueidentifier) FROM [Tasks] t
                CROSS APPLY OPENJSON(t.[Cc]) j
                WHERE ISJSON(t.[Cc]) = 1;
                """);

            migrationBuilder.DropColumn(
                name: "Cc",
                table: "Tasks");

            // Events stored before there was a sequence: numbered in the order of their times.
            migrationBuilder.Sql(
                """
                UPDATE e SET e.[Sequence] = o.n
                FROM [TaskEvents] e
                JOIN (SELECT [Id], ROW_NUMBER() OVER (PARTITION BY [TaskId] ORDER BY [At], [Id]) AS n FROM [TaskEvents]) o ON o.[Id] = e.[Id];
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_StartedBy",
                table: "WorkflowInstances",
                column: "StartedBy");

            migrationBuilder.CreateIndex(
                name: "IX_TaskCcRecipients_PersonId",
                table: "TaskCcRecipients",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TaskCcRecipients");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_StartedBy",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "TaskEvents");

            migrationBuilder.AddColumn<string>(
                name: "Cc",
                table: "Tasks",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");
        }
    }
}
