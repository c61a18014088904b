/**
 * The scoreboard's input: the merged pull requests of one organisation (or any set of
 * repositories) and the gate result each had when it merged. Closed and bounded, like the
 * evidence schemas, so hostile input fails validation.
 */
export const MERGED_PULLS_SCHEMA = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:maestro-conductor:scoreboard:merged-pulls:v1",
  "title": "Merged pull requests with their gate results",
  "description": "What the evidence scoreboard is computed from: the merged pull requests of one organisation (or any set of repositories) and the gate result each had when it merged.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "pulls"
  ],
  "properties": {
    "pulls": {
      "type": "array",
      "maxItems": 200000,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "repo",
          "number",
          "mergedAt",
          "gate"
        ],
        "properties": {
          "repo": {
            "description": "owner/name.",
            "type": "string",
            "pattern": "^[A-Za-z0-9-]{1,39}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"
          },
          "number": {
            "type": "integer",
            "minimum": 1
          },
          "mergedAt": {
            "description": "When it merged (RFC 3339).",
            "type": "string",
            "maxLength": 40,
            "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"
          },
          "gate": {
            "description": "The gate check's result on the merged head commit; null when no gate result was recorded (merged without the check).",
            "anyOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "conclusion"
                ],
                "properties": {
                  "conclusion": {
                    "description": "The gate check's conclusion.",
                    "enum": [
                      "success",
                      "neutral",
                      "failure",
                      "action_required"
                    ]
                  },
                  "reportOnly": {
                    "description": "Decided in report-only mode (the check concluded neutral); with failure, the gate would have blocked in enforce mode.",
                    "type": "boolean",
                    "default": false
                  },
                  "overridden": {
                    "description": "Merged by an override of the gate (with its reason), not by the gate passing.",
                    "type": "boolean",
                    "default": false
                  },
                  "waived": {
                    "description": "Controls a waiver turned from failing to waived.",
                    "type": "array",
                    "maxItems": 100,
                    "items": {
                      "type": "string",
                      "pattern": "^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$"
                    }
                  }
                }
              }
            ]
          }
        }
      }
    }
  }
};
