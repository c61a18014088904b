import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MAX_LINKS, parseEvidenceLinks } from '../../../core/pr/parse-evidence-links.js';

const template = readFileSync('templates/pull_request_template.md', 'utf8');

describe('parseEvidenceLinks', () => {
  it('reads nothing from the untouched PR template: its examples are inside a comment', () => {
    expect(parseEvidenceLinks(template)).toEqual({ links: [], problems: [] });
  });

  it('reads the links a PR author adds under the template', () => {
    const body = template.replace('## Rollback', '- GA-29: [checkout-v2 dark launch](https://flags.example.com/f/checkout-v2)\n- GA-05, GA-19: [Q4 failover drill](https://wiki.example.com/drills/q4)\n\n## Rollback');
    const { links, problems } = parseEvidenceLinks(body);
    expect(problems).toEqual([]);
    expect(links).toEqual([
      { controls: ['GA-29'], title: 'checkout-v2 dark launch', url: 'https://flags.example.com/f/checkout-v2', line: expect.any(Number) },
      { controls: ['GA-05', 'GA-19'], title: 'Q4 failover drill', url: 'https://wiki.example.com/drills/q4', line: expect.any(Number) },
    ]);
    expect(body.split('\n')[links[0]!.line - 1]).toContain('GA-29');
  });

  it('accepts a bare URL, titled by itself', () => {
    expect(parseEvidenceLinks('## Evidence\n- GA-01: <https://idp.example.com/config>\n').links).toEqual([{ controls: ['GA-01'], title: 'https://idp.example.com/config', url: 'https://idp.example.com/config', line: 2 }]);
  });

  it('reads only the Evidence section', () => {
    const body = '## What changed\n- GA-01: [x](https://a.example.com)\n## Evidence\n- GA-02: [y](https://b.example.com)\n### Details\n- GA-03: [z](https://c.example.com)\n## Rollback\n- GA-04: [w](https://d.example.com)\n';
    expect(parseEvidenceLinks(body).links.map((l) => l.controls[0])).toEqual(['GA-02', 'GA-03']);
  });

  it('ignores links in code blocks, indented code and quotes', () => {
    const body = '## Evidence\n```\n- GA-01: [a](https://a.example.com)\n```\n    - GA-02: [b](https://b.example.com)\n> - GA-03: [c](https://c.example.com)\n- GA-04: [d](https://d.example.com)\n';
    expect(parseEvidenceLinks(body).links.map((l) => l.controls[0])).toEqual(['GA-04']);
  });

  it.each([
    ['a javascript: URL', '- GA-01: [x](javascript:alert(1))', 'only https links count as evidence, not javascript'],
    ['an http URL', '- GA-01: [x](http://a.example.com)', 'only https links count as evidence, not http'],
    ['credentials in the URL', '- GA-01: [x](https://u:p@a.example.com)', 'the URL carries credentials'],
    ['no control id', '- [x](https://a.example.com)', 'no control ids before a colon'],
    ['a word instead of an id', '- security: [x](https://a.example.com)', '"security" is not a control id'],
    ['not a URL', '- GA-01: see the wiki', '"see the wiki" is not a URL'],
  ])('reports %s, with the line and the expected format', (_what, item, message) => {
    const { links, problems } = parseEvidenceLinks(`## Evidence\n${item}\n`);
    expect(links).toEqual([]);
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining(message) }]);
    expect(problems[0]!.message).toContain('write it as "- GA-05: [title](https://...)"');
  });

  it('stops at a bounded number of links and says so', () => {
    const body = `## Evidence\n${Array.from({ length: MAX_LINKS + 5 }, (_, i) => `- GA-01: [l${i}](https://a.example.com/${i})`).join('\n')}`;
    const { links, problems } = parseEvidenceLinks(body);
    expect(links).toHaveLength(MAX_LINKS);
    expect(problems).toEqual([{ line: MAX_LINKS + 2, message: `more than ${MAX_LINKS} evidence links; the rest are not read` }]);
  });

  it('reads "## Evidence ##" with closing hashes, and a heading of 60,000 hashes as no Evidence heading', () => {
    expect(parseEvidenceLinks('## Evidence ##\n- GA-01: [x](https://a.example.com)\n').links).toHaveLength(1);
    expect(parseEvidenceLinks(`## ${'#'.repeat(60_000)}x\n- GA-01: [x](https://a.example.com)\n`).links).toEqual([]);
  });

  it('handles a 65 KB crafted body of brackets, colons and comment openers', () => {
    const crafted = `## Evidence\n- ${'GA-01, '.repeat(2000)}: ${'[]('.repeat(5000)}<!-- ${'[x]('.repeat(3000)}`;
    const { links, problems } = parseEvidenceLinks(crafted);
    expect(links).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});

describe('buildLinkEvidence', () => {
  it('makes a link report the engine accepts once someone other than the author approved', async () => {
    const { buildLinkEvidence } = await import('../../../core/pr/build-link-evidence.js');
    const { valid, makePr, NOW } = await import('../../helpers/build-evidence.js');
    const { run, catalogOf, DRIFT_CONTROL } = await import('../../helpers/engine.js');
    const pr = makePr();
    const [link] = parseEvidenceLinks('## Evidence\n- T-02: [drift fixed](https://github.com/acme/web/pull/7)\n').links;
    const approved = valid('body#2', buildLinkEvidence(link!, pr, ['reviewer', 'dev'], NOW));
    expect(approved.report.data).toMatchObject({ attestedBy: 'dev', approvedBy: ['reviewer'], note: 'PR body, line 2' });
    const result = await run({ catalog: catalogOf([DRIFT_CONTROL]), pr, links: [approved] });
    expect(result.controls[0]!.result).toBe('pass');
    const selfApproved = valid('body#2', buildLinkEvidence(link!, pr, ['dev'], NOW));
    expect((await run({ catalog: catalogOf([DRIFT_CONTROL]), pr, links: [selfApproved] })).controls[0]!.result).toBe('missing');
  });
});
