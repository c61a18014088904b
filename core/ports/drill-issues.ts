import type { TimelineEvent } from '../drill/find-acknowledgement.js';
import type { DrillIssue } from '../drill/render-drill-issue.js';

/** An issue as the incident drill sees it. */
export interface TrackedIssue {
  number: number;
  url: string;
  /** RFC 3339, the tracker's clock: acknowledgement times are measured against it. */
  createdAt: string;
  /** Login that opened the issue; its own comments do not acknowledge. */
  author: string;
  body: string;
}

/**
 * The issue tracker the incident drill works in (adapters/github implements it over GitHub Issues;
 * unit tests use a fake). Every call that fails is a MaestroError naming the permission it needs.
 */
export interface DrillIssues {
  /** Opens the drill issue. */
  open(issue: DrillIssue): Promise<TrackedIssue>;
  /** An issue opened earlier, to resume measuring it. */
  get(number: number): Promise<TrackedIssue>;
  /** What happened on the issue so far (comments, assignments, closing), oldest first. */
  timeline(number: number): Promise<TimelineEvent[]>;
  comment(number: number, body: string): Promise<void>;
  close(number: number): Promise<void>;
}
