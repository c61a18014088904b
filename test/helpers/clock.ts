/** A clock as code that takes the time in reads it: `now: () => Date`. */
export type Clock = () => Date;

/** The suite's usual "now": example evidence, waivers and releases are dated around it. */
export const TEST_NOW = '2026-11-20T12:00:00Z';

/** A clock that always reads `iso` (by default TEST_NOW), so what it decides is the same on any day. */
export function fixedClock(iso: string = TEST_NOW): Clock {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`fixedClock needs an RFC 3339 time, got ${JSON.stringify(iso)}`);
  return () => new Date(ms);
}

/**
 * The real time, for the few tests against something that keeps real time itself: S3 Object Lock
 * retention, which the Ceph server enforces by its own clock, and certificates or tokens a Sigstore
 * mock issues just now; and for deadlines and timeouts. Never for a decision a test asserts: pass a
 * fixedClock() or TEST_NOW in for that, or derive the time from the evidence under test.
 */
export function wallClock(): Date {
  return new Date();
}

/**
 * When a test's deliveries happened: half an hour after TEST_NOW, so an app whose clock starts at
 * TEST_NOW takes a `pull_request.opened` of this time for new (it cannot have handled it before).
 */
export const EVENT_AT = '2026-11-20T12:30:00Z';
