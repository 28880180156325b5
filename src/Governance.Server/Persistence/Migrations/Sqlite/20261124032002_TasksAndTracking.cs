using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Server.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "TaskEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TaskCcRecipients",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                INSERT INTO "TaskCcRecipients" ("TaskId", "PersonId")
                SELECT DISTINCT t."Id", upper(j.value) FROM "Tasks" t, json_each(t."Cc") j
                WHERE json_valid(t."Cc");
                """);

            migrationBuilder.DropColumn(
                name: "Cc",
                table: "Tasks");

            // Events stored before there was a sequence: numbered in the order of their times.
            migrationBuilder.Sql(
                """
                UPDATE "TaskEvents" SET "Sequence" = (
                    SELECT n FROM (SELECT "Id", ROW_NUMBER() OVER (PARTITION BY "TaskId" ORDER BY "At", "Id") AS n FROM "TaskEvents") o
                    WHERE o."Id" = "TaskEvents"."Id");
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
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }
    }
}
