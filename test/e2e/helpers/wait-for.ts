import type { GitHubSimulator } from '../github-simulator/github-simulator.js';
import { describeRequests } from './app-requests.js';
import type { BuiltApp } from './start-built-app.js';

/** What a failed wait shows: the simulator's request log and the app's log. */
export interface WaitContext {
  sim: GitHubSimulator;
  app?: BuiltApp;
}

/**
 * Polls until `probe` returns something (not undefined, null or false), as a person would refresh
 * GitHub until the check run or comment shows up. The deadline is measured with performance.now();
 * when it passes, the error says what was awaited, every request the simulator received and the
 * end of the app's log.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, context: WaitContext, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() > deadline) {
      const log = context.app ? `\nthe app's log (last 8000 characters):\n${context.app.output().slice(-8000)}` : '';
      throw new Error(`waited ${timeoutMs} ms for ${what}, in vain.\nrequests the GitHub simulator received:\n${describeRequests(context.sim.requests) || '  (none)'}${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
