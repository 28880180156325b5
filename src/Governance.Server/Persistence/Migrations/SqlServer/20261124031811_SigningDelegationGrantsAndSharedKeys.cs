using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Server.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SigningDelegationGrantsAndSharedKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AgreementId",
                table: "SigningDelegations",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AllianceId",
                table: "SigningDelegations",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GrantedAt",
                table: "SigningDelegations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "GrantedById",
                table: "SigningDelegations",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "SigningDelegations",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevokedAt",
                table: "SigningDelegations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevokedById",
                table: "SigningDelegations",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropColumn(
                name: "AgreementId",
                table: "SigningDelegations");

            migrationBuilder.DropColumn(
                name: "AllianceId",
                table: "SigningDelegations");

            migrationBuilder.DropColumn(
                name: "GrantedAt",
                table: "SigningDelegations");

            migrationBuilder.DropColumn(
                name: "GrantedById",
                table: "SigningDelegations");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "SigningDelegations");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "SigningDelegations");

            migrationBuilder.DropColumn(
                name: "RevokedById",
                table: "SigningDelegations");
        }
    }
}
