/** RFC 3339 date-time, as JSON Schema's `date-time` format, SPDX's `created` and the `--now` options ask. */
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** True for an RFC 3339 date-time. */
export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value);
}
