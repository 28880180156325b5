namespace Governance.Workflows.Tests.Builders;

/// <summary>Complete definition files, as a designer or a person would write them.</summary>
internal static class SampleDefinitions
{
    /// <summary>
    /// A valid, rich definition: variables, inputs and outcomes, every property written out, properties the
    /// format does not name at the envelope, root and activity level, designer metadata, a loop that waits.
    /// </summary>
    public const string MemberAdmission = """
        {
          "id": "0195a3c2-7f00-7000-8000-000000000003",
          "definitionId": "member-admission",
          "version": 3,
          "name": "Member admission / 入盟申请",
          "description": "An organization applies; the secretariat reviews it within fourteen days.",
          "isPublished": true,
          "isLatest": true,
          "createdAt": "2025-03-01T08:00:00+00:00",
          "toolVersion": "3.3.0.0",
          "customProperties": { "owner": "secretariat", "tags": [ "membership", "入盟" ] },
          "options": { "usableAsActivity": false, "autoUpdateConsumingWorkflows": false },
          "variables": [
            { "id": "v1", "name": "Decision", "typeName": "String", "value": "" },
            { "id": "v2", "name": "ReviewRounds", "typeName": "Int32", "value": 0 },
            { "id": "v3", "name": "Review", "typeName": "Object" },
            { "id": "v4", "name": "ReviewPeriod", "typeName": "TimeSpan", "value": "14.00:00:00" }
          ],
          "inputs": [
            { "name": "AllianceId", "type": "Guid", "isRequired": true },
            { "name": "ApplicantName", "type": "String", "isRequired": true },
            { "name": "Fee", "type": "Decimal", "isRequired": false }
          ],
          "outcomes": [ "Admitted", "Rejected" ],
          "root": {
            "id": "flow",
            "type": "Elsa.Flowchart",
            "version": 1,
            "metadata": { "designer": { "zoom": 0.8, "viewport": { "x": -12.5, "y": 40 } } },
            "customProperties": { "source": "designer" },
            "activities": [
              {
                "id": "start", "type": "Elsa.Start", "version": 1, "name": "Start",
                "canStartWorkflow": true,
                "metadata": { "designer": { "position": { "x": 0, "y": 80 }, "size": { "width": 120, "height": 50 } } }
              },
              {
                "id": "acknowledge", "type": "Elsa.SendEmail", "version": 1, "name": "Acknowledge",
                "to": { "typeName": "String", "expression": { "type": "Literal", "value": "secretariat@alliance.example" } },
                "subject": { "typeName": "String", "expression": { "type": "Liquid", "value": "入盟申请：{{ Input.ApplicantName }}" } },
                "body": { "typeName": "String", "expression": { "type": "Liquid", "value": "Round {{ Variables.ReviewRounds }} of the review has begun." } },
                "runAsynchronously": false,
                "metadata": { "designer": { "position": { "x": 160, "y": 80 } }, "displayText": "通知秘书处" }
              },
              {
                "id": "fork", "type": "Elsa.FlowFork", "version": 1,
                "branches": [ "Review", "Deadline" ],
                "metadata": { "designer": { "position": { "x": 320, "y": 80 } } }
              },
              {
                "id": "review", "type": "Elsa.Event", "version": 1, "name": "Secretariat review",
                "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "SecretariatReviewed" } },
                "correlationKey": { "typeName": "String", "expression": { "type": "JavaScript", "value": "input.AllianceId" } },
                "resultVariable": "Review",
                "metadata": { "designer": { "position": { "x": 480, "y": 0 } } }
              },
              {
                "id": "deadline", "type": "Elsa.Delay", "version": 1,
                "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Variable", "value": "ReviewPeriod" } },
                "metadata": { "designer": { "position": { "x": 480, "y": 160 } } }
              },
              {
                "id": "join", "type": "Elsa.FlowJoin", "version": 1, "mode": "WaitAny",
                "metadata": { "designer": { "position": { "x": 640, "y": 80 } } }
              },
              {
                "id": "reviewed", "type": "Elsa.FlowDecision", "version": 1,
                "condition": { "typeName": "Boolean", "expression": { "type": "JavaScript", "value": "variables.Review !== null" } },
                "metadata": { "designer": { "position": { "x": 800, "y": 80 } } }
              },
              {
                "id": "count", "type": "Elsa.SetVariable", "version": 1,
                "variable": { "id": "v2", "name": "ReviewRounds" },
                "value": { "typeName": "Int32", "expression": { "type": "JavaScript", "value": "variables.ReviewRounds + 1" } },
                "customProperties": { "note": "counts review rounds" },
                "metadata": { "designer": { "position": { "x": 960, "y": 80 } } }
              },
              {
                "id": "decide", "type": "Elsa.FlowSwitch", "version": 1, "mode": "MatchFirst",
                "cases": [
                  { "label": "Admit", "condition": { "type": "JavaScript", "value": "variables.Review.approved === true" } },
                  { "label": "Reject", "condition": { "type": "JavaScript", "value": "variables.Review.approved === false" } }
                ],
                "metadata": { "designer": { "position": { "x": 1120, "y": 80 } } }
              },
              {
                "id": "record", "type": "Elsa.SetVariable", "version": 1,
                "variable": "Decision",
                "value": { "typeName": "String", "expression": { "type": "Literal", "value": "Admitted" } },
                "metadata": { "designer": { "position": { "x": 1280, "y": 0 } } }
              },
              {
                "id": "admitted", "type": "Elsa.Finish", "version": 1,
                "outcome": { "typeName": "String", "expression": { "type": "Literal", "value": "Admitted" } },
                "metadata": { "designer": { "position": { "x": 1440, "y": 0 } } }
              },
              {
                "id": "rejected", "type": "Elsa.Finish", "version": 1,
                "outcome": { "typeName": "String", "expression": { "type": "Literal", "value": "Rejected" } },
                "metadata": { "designer": { "position": { "x": 1280, "y": 160 } } }
              }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "acknowledge", "port": "In" } },
              { "source": { "activity": "acknowledge", "port": "Done" }, "target": { "activity": "fork", "port": "In" } },
              { "source": { "activity": "fork", "port": "Review" }, "target": { "activity": "review", "port": "In" } },
              { "source": { "activity": "fork", "port": "Deadline" }, "target": { "activity": "deadline", "port": "In" } },
              { "source": { "activity": "review", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
              { "source": { "activity": "deadline", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
              { "source": { "activity": "join", "port": "Done" }, "target": { "activity": "reviewed", "port": "In" } },
              { "source": { "activity": "reviewed", "port": "True" }, "target": { "activity": "count", "port": "In" } },
              { "source": { "activity": "reviewed", "port": "False" }, "target": { "activity": "rejected", "port": "In" } },
              { "source": { "activity": "count", "port": "Done" }, "target": { "activity": "decide", "port": "In" } },
              { "source": { "activity": "decide", "port": "Admit" }, "target": { "activity": "record", "port": "In" } },
              { "source": { "activity": "decide", "port": "Reject" }, "target": { "activity": "rejected", "port": "In" } },
              { "source": { "activity": "decide", "port": "Default" }, "target": { "activity": "acknowledge", "port": "In" } },
              { "source": { "activity": "record", "port": "Done" }, "target": { "activity": "admitted", "port": "In" } }
            ]
          }
        }
        """;
}
