/** A line of a comment that GitHub renders as a plain line starting with `/`. */
export interface CommandLineCandidate {
  /** 1-based line number in the comment. */
  line: number;
  /** The line without its indentation and trailing white space. */
  text: string;
}

interface Fence {
  char: string;
  length: number;
  column: number;
}

/**
 * The lines of a Markdown comment that could be commands: lines starting with `/` (after at most
 * three spaces, as Markdown allows) that GitHub shows as text. Lines inside fenced code blocks
 * (``` and ~~~, unterminated ones run to the end), indented code, block quotes (also their lazy
 * continuation lines) and HTML comments are skipped: a command quoted as an example never runs.
 *
 * One pass over the text, every step bounded by the length of the current line, no regular
 * expressions: a hostile comment costs time linear in its length.
 */
export function* scanCommandLines(body: string): Generator<CommandLineCandidate> {
  const text = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  let fence: Fence | undefined;
  let inHtmlComment = false;
  let inQuoteParagraph = false;
  let start = 0;
  for (let lineNumber = 1; start <= text.length; lineNumber++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;

    const indent = indentOf(line);
    if (fence) {
      if (closesFence(line, indent, fence)) fence = undefined;
      continue;
    }
    if (inHtmlComment) {
      inHtmlComment = !line.includes('-->');
      continue;
    }
    if (indent.offset === line.length) {
      inQuoteParagraph = false;
      continue;
    }
    // Four columns of indentation are code or a paragraph's continuation: never a command.
    if (indent.columns >= 4) continue;
    const rest = line.slice(indent.offset);
    if (rest[0] === '>') {
      inQuoteParagraph = startsQuoteParagraph(rest);
      continue;
    }
    const item = afterListMarkers(rest);
    const opened = opensFence(item.text, indent.columns + item.columns);
    if (opened) {
      fence = opened;
      inQuoteParagraph = false;
      continue;
    }
    if (item.columns > 0 || rest[0] === '#' || isThematicBreak(rest)) inQuoteParagraph = false;
    else if (rest[0] === '/' && !inQuoteParagraph) yield { line: lineNumber, text: rest.trimEnd() };
    inHtmlComment = opensHtmlComment(item.text);
  }
}

/**
 * Whether a quoted line holds paragraph text, which the next unquoted line continues lazily (and
 * so renders inside the quote); a fence or heading in a quote ends with the quote.
 */
function startsQuoteParagraph(line: string): boolean {
  let i = 0;
  while (line[i] === '>' || line[i] === ' ' || line[i] === '\t') i++;
  const content = line.slice(i).trimEnd();
  return content !== '' && content[0] !== '#' && !opensFence(content, 0) && !isThematicBreak(content);
}

/** Leading spaces and tabs of a line: their width in columns (a tab reaches the next multiple of 4) and count. */
function indentOf(line: string): { columns: number; offset: number } {
  let columns = 0;
  let offset = 0;
  while (offset < line.length) {
    const c = line[offset];
    if (c === ' ') columns += 1;
    else if (c === '\t') columns += 4 - (columns % 4);
    else break;
    offset++;
  }
  return { columns, offset };
}

/** The text after any list markers (`- `, `* `, `+ `, `1. `, `2) `), and how many columns they took. */
function afterListMarkers(text: string): { text: string; columns: number } {
  let i = 0;
  for (;;) {
    let j = i;
    if (text[j] === '-' || text[j] === '*' || text[j] === '+') j++;
    else {
      while (j < text.length && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
      if (j === i || (text[j] !== '.' && text[j] !== ')')) break;
      j++;
    }
    if (text[j] !== ' ' && text[j] !== '\t') break;
    while (text[j] === ' ' || text[j] === '\t') j++;
    i = j;
  }
  return { text: text.slice(i), columns: i };
}

/** A fence opening (three or more backticks or tildes; a backtick fence's info string has no backtick). */
function opensFence(text: string, column: number): Fence | undefined {
  const char = text[0];
  if (char !== '`' && char !== '~') return undefined;
  let length = 0;
  while (text[length] === char) length++;
  if (length < 3) return undefined;
  if (char === '`' && text.indexOf('`', length) >= 0) return undefined;
  return { char, length, column };
}

/** A closing fence: the same character, at least as long, nothing after it but white space. */
function closesFence(line: string, indent: { columns: number; offset: number }, fence: Fence): boolean {
  if (indent.columns > fence.column + 3) return false;
  let i = indent.offset;
  let length = 0;
  while (line[i] === fence.char) {
    i++;
    length++;
  }
  return length >= fence.length && line.slice(i).trim() === '';
}

/** An HTML comment that starts on this line and does not end on it. */
function opensHtmlComment(text: string): boolean {
  const open = text.lastIndexOf('<!--');
  return open >= 0 && text.indexOf('-->', open + 4) < 0;
}

/** `---`, `***` or `___` (spaces allowed between), which ends a quote's lazy paragraph. */
function isThematicBreak(text: string): boolean {
  const char = text[0];
  if (char !== '-' && char !== '*' && char !== '_') return false;
  let count = 0;
  for (const c of text) {
    if (c === char) count++;
    else if (c !== ' ' && c !== '\t') return false;
  }
  return count >= 3;
}
