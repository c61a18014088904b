import type { PriorityLabel } from './types.js';

/** One work order of an epic: a headed section whose heading starts with an id. */
export interface WorkOrder {
  /** The id, normalised by `normalizeWorkOrderId`: `8` for `8)`, `WO-8:` or `GAP-8`, `AL` for `EPIC AL`. */
  id: string;
  /** The id as the heading writes it: `8)`, `WO-8`, `EPIC AL`. */
  label: string;
  /** The heading's title, without the id, priority and owner parts and without emphasis marks. */
  title: string;
  /** P0, P1 or P2 when the heading (or a `Priority:` line of the section) names one. */
  priority?: PriorityLabel;
  /** Who should own it, as the epic writes it (`Security + Platform`): a hint, not a login. */
  owner?: string;
  /** The heading's level (2-4). */
  level: number;
  /** 1-based line of the heading in the epic body. */
  line: number;
  /** The section's Markdown up to the next heading of the same or a higher level, trimmed. */
  body: string;
}

interface Heading {
  level: number;
  text: string;
  line: number;
  /** Index of the heading line's first character, and of the character after it. */
  start: number;
  end: number;
}

/** Headings longer than this are not work orders (and are never matched character by character). */
const MAX_HEADING_LENGTH = 500;
const SEPARATORS = [' \u2014 ', ' \u2013 ', ' -- ', ' | '];

/**
 * The work orders of an epic issue body: sections headed `##` to `####` whose heading starts with
 * an id: `### 8) Evidence Panel (Supply Chain) — **P0 / High / Effort: M** — **Owner:** Security`,
 * `## 8. Title`, `### WO-8: Title`, `### GAP-8 — Title`, `### EPIC AL — Title (Must)`. A section
 * inside a work order (a deeper heading) belongs to its body. Headings inside fenced code blocks do
 * not count. One pass over the lines, no backtracking pattern: linear in the body.
 */
export function parseWorkOrders(markdown: string): WorkOrder[] {
  const text = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  const headings = findHeadings(text);
  const orders: WorkOrder[] = [];
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    const parsed = heading.level >= 2 && heading.level <= 4 ? parseHeading(heading.text) : undefined;
    if (!parsed) continue;
    let next = h + 1;
    while (next < headings.length && headings[next]!.level > heading.level) next++;
    const body = trimSection(text.slice(heading.end, next < headings.length ? headings[next]!.start : text.length));
    orders.push({ ...parsed, priority: parsed.priority ?? priorityLine(body), owner: parsed.owner ?? ownerLine(body), level: heading.level, line: heading.line, body });
    h = next - 1;
  }
  return orders;
}

/**
 * The canonical form of a work-order id, as typed in `/create-task` or written in a heading:
 * upper case, without `#`, `WO-`, `GAP-`, `EPIC ` prefixes or leading zeros (`wo-08` is `8`).
 */
export function normalizeWorkOrderId(id: string): string {
  let value = id.trim().toUpperCase();
  if (value.startsWith('#')) value = value.slice(1);
  for (const prefix of ['WO-', 'WO ', 'GAP-', 'GAP ', 'EPIC-', 'EPIC ']) {
    if (value.startsWith(prefix)) {
      value = value.slice(prefix.length).trim();
      break;
    }
  }
  let zeros = 0;
  while (zeros < value.length - 1 && value[zeros] === '0' && isDigit(value[zeros + 1]!)) zeros++;
  return value.slice(zeros);
}

/** ATX headings outside fenced code blocks. */
function findHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | undefined;
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    const content = text.slice(start, newline < 0 ? text.length : newline);
    let i = 0;
    while (i < 3 && content[i] === ' ') i++;
    const run = runOf(content, i);
    if (fence) {
      if (run.char === fence.char && run.length >= fence.length && content.slice(i + run.length).trim() === '') fence = undefined;
    } else if ((run.char === '`' || run.char === '~') && run.length >= 3 && !(run.char === '`' && content.indexOf('`', i + run.length) >= 0)) {
      fence = { char: run.char, length: run.length };
    } else if (run.char === '#' && run.length <= 6 && (content.length === i + run.length || content[i + run.length] === ' ' || content[i + run.length] === '\t')) {
      headings.push({ level: run.length, text: stripClosingHashes(content.slice(i + run.length).trim()), line, start, end });
    }
    start = end;
    if (newline < 0) break;
  }
  return headings;
}

function runOf(text: string, from: number): { char: string | undefined; length: number } {
  const char = text[from];
  let length = 0;
  while (char !== undefined && text[from + length] === char) length++;
  return { char, length };
}

function stripClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  return end < text.length && (end === 0 || text[end - 1] === ' ') ? text.slice(0, end).trim() : text;
}

/** The id, title, priority and owner of a heading, or undefined when it does not start with an id. */
function parseHeading(raw: string): Pick<WorkOrder, 'id' | 'label' | 'title' | 'priority' | 'owner'> | undefined {
  if (raw.length > MAX_HEADING_LENGTH) return undefined;
  const text = raw.split('**').join('').split('__').join('');
  const lead = leadingId(text);
  if (!lead) return undefined;
  const parts = splitParts(text.slice(lead.end));
  let owner: string | undefined;
  let priority: PriorityLabel | undefined;
  const titleParts: string[] = [];
  for (const part of parts) {
    const ownerText = afterKey(part, 'owner:') ?? afterKey(part, 'owners:');
    const found = findPriority(part);
    if (ownerText !== undefined) owner = ownerText || undefined;
    else if (found && titleParts.length > 0) priority ??= found;
    else titleParts.push(part);
  }
  const title = titleParts.join(' \u2014 ').trim() || `Work order ${lead.label}`;
  return { id: normalizeWorkOrderId(lead.id), label: lead.label, title, priority, owner };
}

/** The id at the start of a heading, and where the title begins. */
function leadingId(text: string): { id: string; label: string; end: number } | undefined {
  const upper = text.toUpperCase();
  for (const prefix of ['WO-', 'WO ', 'GAP-', 'GAP ', 'EPIC ']) {
    if (!upper.startsWith(prefix)) continue;
    let i = prefix.length;
    while (i < text.length && (isDigit(text[i]!) || (prefix === 'EPIC ' && isAlphanumeric(text[i]!)))) i++;
    if (i === prefix.length || i - prefix.length > 8) return undefined;
    const label = text.slice(0, i);
    return { id: prefix === 'EPIC ' ? text.slice(prefix.length, i) : label, label, end: skipPunctuation(text, i) };
  }
  let i = 0;
  while (i < text.length && i < 6 && isDigit(text[i]!)) i++;
  if (i === 0 || !'.):'.includes(text[i] ?? 'x') || (i + 1 < text.length && text[i + 1] !== ' ' && text[i + 1] !== '\t')) return undefined;
  return { id: text.slice(0, i), label: text.slice(0, i + 1), end: skipPunctuation(text, i + 1) };
}

function skipPunctuation(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t:.)\u2014\u2013-|'.includes(text[i]!)) i++;
  return i;
}

function splitParts(text: string): string[] {
  let parts = [text];
  for (const separator of SEPARATORS) parts = parts.flatMap((p) => p.split(separator));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function afterKey(part: string, key: string): string | undefined {
  return part.slice(0, key.length).toLowerCase() === key ? part.slice(key.length).trim() : undefined;
}

/** `P0`, `P1` or `P2` as a word of the text. */
function findPriority(text: string): PriorityLabel | undefined {
  for (let i = text.indexOf('P'); i >= 0; i = text.indexOf('P', i + 1)) {
    const digit = text[i + 1];
    if ((digit === '0' || digit === '1' || digit === '2') && !isAlphanumeric(text[i - 1] ?? ' ') && !isAlphanumeric(text[i + 2] ?? ' ')) return `P${digit}`;
  }
  return undefined;
}

/** A `Priority: P1` or `Owner: Platform` line in the first lines of a section, for headings without them. */
function keyedLine(body: string, key: string): string | undefined {
  for (const line of body.split('\n', 12)) {
    const plain = line.split('**').join('').replace(/^[-*+]\s/, '').trim();
    const value = afterKey(plain, key);
    if (value) return value;
  }
  return undefined;
}

function priorityLine(body: string): PriorityLabel | undefined {
  const value = keyedLine(body, 'priority:');
  return value === undefined ? undefined : findPriority(value);
}

function ownerLine(body: string): string | undefined {
  return keyedLine(body, 'owner:') ?? keyedLine(body, 'owners:');
}

/** The section without blank lines and thematic breaks (`---`) at its ends. */
function trimSection(section: string): string {
  const lines = section.split('\n');
  const blankOrRule = (line: string) => line.trim() === '' || /^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line);
  while (lines.length > 0 && blankOrRule(lines[lines.length - 1]!)) lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  return lines.join('\n');
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isAlphanumeric(c: string): boolean {
  return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
