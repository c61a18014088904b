/** One message and how many times it was given. */
export interface RepeatedMessage {
  text: string;
  count: number;
}

/** Identical messages once each, in the order first given, with how many times each came. */
export function collapseRepeats(messages: readonly string[]): RepeatedMessage[] {
  const seen = new Map<string, RepeatedMessage>();
  for (const text of messages) {
    const entry = seen.get(text);
    if (entry) entry.count++;
    else seen.set(text, { text, count: 1 });
  }
  return [...seen.values()];
}

/** A message with its count when it came more than once: `Prometheus is unreachable (×20)`. */
export function withCount(message: RepeatedMessage): string {
  return message.count > 1 ? `${message.text} (×${message.count})` : message.text;
}
