import { COMMAND_USAGE, COMMAND_WORDS, usageOf } from './command-usage.js';
import { checkControlId, checkDate, checkLogin, checkReason, quoteFragment } from './command-values.js';
import { tokenizeArguments, unquote, type ArgumentToken } from './tokenize-arguments.js';
import type { CommandError, SlashCommand } from './types.js';

/** A command line parsed or refused. */
export type CommandLineResult = { ok: true; command: SlashCommand } | { ok: false; error: CommandError };

/** Limits on the arguments of one command, as GitHub sets them. */
const MAX_ASSIGNEES = 10;
const MAX_LABELS = 20;
const MAX_LABEL_LENGTH = 50;
const MAX_MILESTONE_LENGTH = 255;
const MAX_WORD_LENGTH = 32;

/**
 * Parses one line that starts with `/`. A slash followed by a word and then white space or the end
 * of the line is a command; anything else (`/usr/bin/env`, `/api/v1`, `/tmp.txt`, `/ note`) is
 * text and gives `undefined`, as do the words in `ignore` (commands of other bots).
 */
export function parseCommandLine(text: string, ignore: readonly string[] = []): CommandLineResult | undefined {
  let end = 1;
  while (end < text.length && end <= MAX_WORD_LENGTH + 1 && isWordChar(text[end]!)) end++;
  const word = text.slice(1, end).toLowerCase();
  if (word === '' || !isLetter(word[0]!) || (end < text.length && !isSpace(text[end]!))) return undefined;
  if (ignore.some((w) => w.toLowerCase() === word)) return undefined;
  if (!COMMAND_WORDS.includes(word)) return unknownCommand(word);
  return parseArguments(word, text.slice(end));
}

function parseArguments(word: string, rest: string): CommandLineResult {
  const fail = (message: string, usage = usageOf(word)): CommandLineResult => ({ ok: false, error: { name: word, message, usage } });
  if (word === 'help') return { ok: true, command: { name: 'help' } };
  if (word === 'milestone') {
    const title = unquote(rest);
    if (title === '') return fail('name the milestone');
    if ([...title].length > MAX_MILESTONE_LENGTH) return fail(`the milestone name is longer than ${MAX_MILESTONE_LENGTH} characters`);
    return { ok: true, command: { name: 'milestone', title } };
  }
  const args = tokenizeArguments(rest);
  if (!args.ok) return fail(args.message);
  const { tokens, reason } = args;
  if (word === 'waive' || word === 'override') {
    const checked = checkReason(reason);
    if (!checked.ok) return fail(checked.message);
    if (word === 'override') return tokens.length === 0 ? { ok: true, command: { name: 'override', reason: checked.value } } : fail(`unexpected ${quoteFragment(tokens[0]!.value)} before reason:`);
    return parseWaive(tokens, checked.value, fail);
  }
  if (reason !== undefined) return fail(`/${word} takes no reason`);
  switch (word) {
    case 'assign':
    case 'unassign':
      return parseUsers(word, tokens, fail);
    case 'label':
      return parseLabels(tokens, fail);
    case 'priority': {
      const priority = tokens.length === 1 ? tokens[0]!.value.toUpperCase() : '';
      return priority === 'P0' || priority === 'P1' || priority === 'P2' ? { ok: true, command: { name: 'priority', priority } } : fail('give one priority: P0, P1 or P2');
    }
    case 'create-task': {
      if (tokens.length !== 1) return fail('give one work-order id, or all');
      const target = tokens[0]!.value;
      if (target.toLowerCase() === 'all') return { ok: true, command: { name: 'create-task', target: 'all' } };
      const valid = target.length <= MAX_WORD_LENGTH && [...target].every((c) => isWordChar(c) || c === '.' || c === '#');
      return valid ? { ok: true, command: { name: 'create-task', target } } : fail(`${quoteFragment(target)} is not a work-order id`);
    }
    default:
      return parseGates(tokens);
  }
}

type Fail = (message: string, usage?: string) => CommandLineResult;

function parseWaive(tokens: ArgumentToken[], reason: string, fail: Fail): CommandLineResult {
  if (tokens.length !== 3 || tokens[1]!.value.toLowerCase() !== 'until') return fail('write the control, then until and the last day, then reason:');
  const controlId = checkControlId(tokens[0]!.value);
  if (!controlId.ok) return fail(controlId.message);
  const until = checkDate(tokens[2]!.value);
  if (!until.ok) return fail(until.message);
  return { ok: true, command: { name: 'waive', controlId: controlId.value, until: until.value, reason } };
}

function parseUsers(name: 'assign' | 'unassign', tokens: ArgumentToken[], fail: Fail): CommandLineResult {
  if (tokens.length === 0) return fail('name at least one user');
  const users = new Map<string, string>();
  for (const token of tokens) {
    const login = checkLogin(token.value);
    if (!login.ok) return fail(login.message);
    if (!users.has(login.value.toLowerCase())) users.set(login.value.toLowerCase(), login.value);
  }
  if (users.size > MAX_ASSIGNEES) return fail(`at most ${MAX_ASSIGNEES} users at once`);
  return { ok: true, command: { name, users: [...users.values()] } };
}

function parseLabels(tokens: ArgumentToken[], fail: Fail): CommandLineResult {
  if (tokens.length === 0) return fail('name at least one label');
  const labels = new Map<string, string>();
  for (const token of tokens) {
    const label = token.value.trim();
    if (label === '') return fail('a label name is empty');
    if ([...label].length > MAX_LABEL_LENGTH) return fail(`${quoteFragment(label)} is longer than ${MAX_LABEL_LENGTH} characters`);
    if (!labels.has(label.toLowerCase())) labels.set(label.toLowerCase(), label);
  }
  if (labels.size > MAX_LABELS) return fail(`at most ${MAX_LABELS} labels at once`);
  return { ok: true, command: { name: 'label', labels: [...labels.values()] } };
}

function parseGates(tokens: ArgumentToken[]): CommandLineResult {
  const sub = tokens[0]?.value.toLowerCase();
  const rerun = COMMAND_USAGE['gates-rerun'].usage;
  const explain = COMMAND_USAGE['gates-explain'].usage;
  if (sub === 'rerun') return tokens.length === 1 ? { ok: true, command: { name: 'gates-rerun' } } : { ok: false, error: { name: 'gates', message: '/gates rerun takes no arguments', usage: rerun } };
  if (sub === 'explain') {
    if (tokens.length !== 2) return { ok: false, error: { name: 'gates', message: 'name one control', usage: explain } };
    const controlId = checkControlId(tokens[1]!.value);
    return controlId.ok ? { ok: true, command: { name: 'gates-explain', controlId: controlId.value } } : { ok: false, error: { name: 'gates', message: controlId.message, usage: explain } };
  }
  const message = sub === undefined ? 'say what to do: rerun or explain' : `unknown /gates action ${quoteFragment(tokens[0]!.value)}`;
  return { ok: false, error: { name: 'gates', message, usage: usageOf('gates') } };
}

/** An unknown command word, with the closest known one when a typo is likely. */
function unknownCommand(word: string): CommandLineResult {
  const close = COMMAND_WORDS.find((known) => editDistanceAtMost(word, known, 2));
  const hint = close ? `; did you mean /${close}?` : '; /help lists the commands';
  return { ok: false, error: { name: word, message: `unknown command /${word}${hint}`, usage: close ? usageOf(close) : COMMAND_USAGE.help.usage } };
}

/** Levenshtein distance of two short words, bounded: both are at most MAX_WORD_LENGTH + 1 characters. */
function editDistanceAtMost(a: string, b: string, max: number): boolean {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]! <= max;
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isWordChar(c: string): boolean {
  return isLetter(c) || (c >= '0' && c <= '9') || c === '-' || c === '_';
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u00A0' || c === '\u3000';
}
