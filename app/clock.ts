/**
 * The app's clock. Without a start it is the system clock; with one (MAESTRO_NOW, for tests and
 * reproductions) it starts at that instant and runs on at the system's pace, so timers still fire
 * and every decision made by a test of the built app is the same on any day.
 */
export function appClock(start?: string): () => Date {
  if (!start) return () => new Date();
  const origin = Date.parse(start);
  const started = performance.now();
  return () => new Date(origin + Math.round(performance.now() - started));
}
