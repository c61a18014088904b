import { describe, expect, it } from '@jest/globals';
import { groupConclusion, renderMergeGroupOutput } from '../../../core/render/render-merge-group-output.js';
import { a11yData, counts, item, makePr, makeReport } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, run } from '../../helpers/engine.js';

const catalog = catalogOf([A11Y_CONTROL]);
const passing = (title: string) => run({ catalog, pr: makePr({ title, labels: ['frontend'] }), evidence: [item('a11y.json', makeReport('a11y', a11yData()))] });
const failing = (title: string) => run({ catalog, pr: makePr({ title, labels: ['frontend'] }), evidence: [item('a11y.json', makeReport('a11y', a11yData(counts(3, 0, 0, 0))))] });
const nothing = (title: string) => run({ catalog, pr: makePr({ title }) });

describe('renderMergeGroupOutput', () => {
  it('passes a group whose PRs all pass or have nothing to check, and lists each PR', async () => {
    const members = [{ pull: 1, result: await passing('First') }, { pull: 2, result: await nothing('Docs only') }];
    expect(groupConclusion(members)).toBe('success');
    const output = renderMergeGroupOutput(members);
    expect(output.summary).toContain('This merge-queue commit contains 2 pull requests');
    expect(output.summary).toContain('| #1 | First | ✅ passed |');
    expect(output.summary).toContain('| #2 | Docs only | ➖ nothing to check |');
  });

  it('fails the group when one PR fails, and shows that PR\'s decisions', async () => {
    const members = [{ pull: 1, result: await passing('First') }, { pull: 7, result: await failing('Breaks a11y') }];
    expect(groupConclusion(members)).toBe('failure');
    const output = renderMergeGroupOutput(members);
    expect(output.title.startsWith('#7: ')).toBe(true);
    expect(output.summary).toContain('#### #7');
    expect(output.text).toContain('T-01');
  });

  it('keeps hostile PR titles out of the table structure', async () => {
    const output = renderMergeGroupOutput([{ pull: 3, result: await passing('a | b\n| x | y | @acme/all') }]);
    expect(output.summary).toContain('| #3 | a \\| b \\| x \\| y \\| @\u200bacme/all | ✅ passed |');
  });
});
