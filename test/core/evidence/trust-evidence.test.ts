import { describe, expect, it } from '@jest/globals';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { repoWideKinds, repoWideMaxAgeMs, trustEvidence, type EvidenceOrigin } from '../../../core/evidence/trust-evidence.js';
import { a11yData, driftData, makeReport, OTHER_SHA, valid } from '../../helpers/build-evidence.js';

const a11y = valid('maestro-evidence-a11y/a11y.json', makeReport('a11y', a11yData()));
const drift = valid('maestro-evidence-drift/drift-report.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }));
const WORKFLOW = '.github/workflows/a11y.yml';
const headRun = (workflowPath?: string): EvidenceOrigin => ({ headCommit: true, defaultBranch: false, ...(workflowPath ? { workflowPath } : {}) });
const defaultBranchRun: EvidenceOrigin = { headCommit: false, defaultBranch: true, workflowPath: '.github/workflows/drift.yml' };
const repoWide = repoWideKinds(defaultCatalog);

describe('trustEvidence', () => {
  it('knows from the catalog which kinds are repo-wide and how far back they count', () => {
    expect([...repoWide].sort()).toEqual(expect.arrayContaining(['drift-report', 'drill-report', 'slo-burn']));
    expect(repoWide.has('a11y')).toBe(false);
    expect(repoWideMaxAgeMs(defaultCatalog)).toBe(92 * 24 * 3600 * 1000);
  });

  it.each([
    ['a head-commit run of a workflow the PR leaves unchanged', headRun(WORKFLOW), ['src/app.tsx'], 'valid', undefined],
    ['a head-commit run of a workflow the PR changes', headRun(WORKFLOW), ['src/app.tsx', WORKFLOW], 'invalid', `untrusted: produced by ${WORKFLOW}, which this pull request changes`],
    ['a head-commit run whose workflow GitHub did not name', headRun(), ['src/app.tsx'], 'invalid', 'untrusted: GitHub did not name the workflow'],
    ['a head-commit run when the changed files could not be listed', headRun(WORKFLOW), undefined, 'invalid', "the pull request's changed files could not be listed"],
  ])('%s', (_name, origin, changed, status, message) => {
    const out = trustEvidence([{ item: a11y, origin }], { changedFiles: changed, repoWide })[0]!;
    expect(out.status).toBe(status);
    if (out.status === 'invalid') {
      expect(out).toMatchObject({ code: 'UNTRUSTED_PRODUCER', kind: 'a11y', subject: a11y.report.subject, createdAt: a11y.report.createdAt });
      expect(out.issues[0]!.message).toContain(message);
    }
  });

  it('keeps the top-level data fields of an untrusted report, so that a requirement\'s match still selects it', () => {
    const headDrift = valid('maestro-evidence-drift/drift-report.json', makeReport('drift-report', driftData('clean')));
    const [out] = trustEvidence([{ item: headDrift, origin: headRun('.github/workflows/drift.yml') }], { changedFiles: ['.github/workflows/drift.yml'], repoWide });
    expect(out).toMatchObject({ status: 'invalid', code: 'UNTRUSTED_PRODUCER', dataFields: { repo: 'acme/web', status: 'clean' } });
  });

  it('trusts repo-wide evidence from a default-branch run, even when the PR changes that workflow', () => {
    expect(trustEvidence([{ item: drift, origin: defaultBranchRun }], { changedFiles: ['.github/workflows/drift.yml'], repoWide })).toEqual([drift]);
  });

  it('drops reports of other commits that are not repo-wide: they are about another commit', () => {
    const otherA11y = valid('maestro-evidence-a11y/a11y.json', makeReport('a11y', a11yData(), { sha: OTHER_SHA }));
    expect(trustEvidence([{ item: otherA11y, origin: defaultBranchRun }, { item: drift, origin: defaultBranchRun }], { changedFiles: [], repoWide })).toEqual([drift]);
  });

  it('leaves invalid evidence of the head commit as it is', () => {
    const broken = { status: 'invalid' as const, ref: { path: 'x.json', sha256: '', size: 1 }, code: 'JSON_SYNTAX', issues: [{ pointer: '', message: 'not JSON' }] };
    expect(trustEvidence([{ item: broken, origin: headRun(WORKFLOW) }], { changedFiles: [WORKFLOW], repoWide })).toEqual([broken]);
  });

  it.each([
    ['a listed workflow of the head commit', headRun(WORKFLOW), undefined],
    ['another workflow of the head commit, unchanged by the PR', headRun('.github/workflows/ci.yml'), 'untrusted: produced by .github/workflows/ci.yml, but .github/maestro.yml lets only .github/workflows/a11y.yml produce a11y evidence (producers.a11y)'],
    ['a run whose workflow GitHub did not name', headRun(), 'and .github/maestro.yml lets only .github/workflows/a11y.yml produce a11y evidence'],
  ])('with producers.a11y in the config: %s', (_name, origin, message) => {
    const out = trustEvidence([{ item: a11y, origin }], { changedFiles: [], repoWide, producers: { a11y: [WORKFLOW] }, configSource: '.github/maestro.yml' })[0]!;
    if (message === undefined) expect(out).toBe(a11y);
    else expect(out).toMatchObject({ status: 'invalid', code: 'UNTRUSTED_PRODUCER', issues: [{ pointer: '', message: expect.stringContaining(message) }] });
  });

  it('holds repo-wide evidence of the default branch to the config\'s producers too', () => {
    const out = trustEvidence([{ item: drift, origin: defaultBranchRun }], { changedFiles: [], repoWide, producers: { 'drift-report': ['.github/workflows/ga-drift.yml'] }, configSource: '.github/maestro.yml' });
    expect(out[0]).toMatchObject({ status: 'invalid', code: 'UNTRUSTED_PRODUCER' });
    expect(trustEvidence([{ item: drift, origin: defaultBranchRun }], { changedFiles: [], repoWide, producers: { 'drift-report': ['.github/workflows/drift.yml'] } })).toEqual([drift]);
  });
});
