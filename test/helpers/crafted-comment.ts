/**
 * A hostile comment of about 65 KB (GitHub's limit is 65,536 characters) for the command parser:
 * long runs of spaces, backticks and quotes, nested and unterminated fences, thousands of lines
 * starting with `/`, a `/waive` with a huge reason, Unicode of every width, CRLF and CR line ends.
 * `expected` lists the lines the parser must report, and whether each parses. The same text is
 * the parser's benchmark input.
 */
export function craftedComment(size = 65_400): { body: string; expected: Array<{ line: number; ok: boolean }> } {
  const head: string[] = [];
  const expected: Array<{ line: number; ok: boolean }> = [];
  const command = (lines: string[], line: string, ok: boolean) => {
    lines.push(line);
    expected.push({ line: lines.length, ok });
  };

  head.push('Release sign-off for the GA cutover \u{1F680}', '');
  command(head, `/assign @octocat @hubot${' '.repeat(3000)}`, true);
  head.push(' '.repeat(3000) + '/override reason: indented code, not a command');
  head.push('`'.repeat(2000) + ' info with a ` backtick: not a fence');
  command(head, '/priority p1', true);
  head.push('```' + '`'.repeat(200), '/override reason: in a long fence', '`'.repeat(150), '/override reason: still inside', '`'.repeat(203));
  head.push('~~~~ nested', '```', '/override reason: in a fence in a fence', '```', '~~~', '/help', '~~~~');
  command(head, `/label "${'\u201C'.repeat(20)}" '${'"'.repeat(20)}' ${'x'.repeat(40)}`, true);
  command(head, `/label "${'"\''.repeat(900)}`, false);
  command(head, `/waive GA-25 until 2026-12-04 reason: ${'\u{1F9EA}\u200D\u05D0\u0645\u00E9\u0301 '.repeat(130)}`, true);
  command(head, `/waive GA-25 until 2026-12-04 reason: ${'\u00E9'.repeat(8000)}`, false);
  head.push(...Array.from({ length: 40 }, (_, i) => `> /override reason: quoted ${i} "${'\u2018'.repeat(50)}`));
  head.push('lazy quote continuation follows', '/override reason: lazy', '');
  head.push('<!--', ...Array.from({ length: 30 }, (_, i) => `/waive GA-${10 + i} until 2026-12-04 reason: hidden`), '-->');
  command(head, `/milestone "${'\u3000'.repeat(100)}GA \u2014 final${' '.repeat(500)}"`, true);
  command(head, `/assign ${'@'.repeat(1500)}`, false);
  command(head, '/gates explain ga-8', true);

  const tail: string[] = [];
  const tailExpected: Array<{ offset: number; ok: boolean }> = [];
  tail.push('');
  tail.push('/create-task all');
  tailExpected.push({ offset: tail.length, ok: true });
  tail.push('/help');
  tailExpected.push({ offset: tail.length, ok: false });
  tail.push( '````', '/override reason: after the cap, in an unterminated fence', '```', '/help');

  // Mixed line ends: CRLF on the first 1,500 lines, a lone CR on every 97th line after them, LF elsewhere.
  const lineEnd = (i: number) => (i < 1500 ? '\r\n' : i % 97 === 0 ? '\r' : '\n');
  const measure = (lines: string[], from: number) => lines.reduce((n, line, i) => n + line.length + lineEnd(from + i).length, 0);
  const paddingLines: string[] = [];
  let length = measure(head, 0) + measure(tail, 0) + tail.length;
  for (let i = 0; ; i++) {
    const line = i % 7 === 6 ? `\`\`\` \`${'`'.repeat(i % 20)}` : i % 5 === 4 ? `/srv/${'\u00E9\u{1F600}'.repeat(i % 3)}` : `/v1/${i}`;
    const added = line.length + lineEnd(head.length + i).length;
    if (length + added > size) break;
    paddingLines.push(line);
    length += added;
  }
  const lines = [...head, ...paddingLines, ...tail];
  const tailStart = head.length + paddingLines.length;
  for (const t of tailExpected) expected.push({ line: tailStart + t.offset, ok: t.ok });
  const body = lines.map((line, i) => (i === lines.length - 1 ? line : `${line}${lineEnd(i)}`)).join('');
  return { body, expected };
}
