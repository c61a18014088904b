import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { normalizeWorkOrderId, parseWorkOrders } from '../../../core/commands/parse-work-orders.js';
import { seeds } from '../../helpers/shared-dir.js';

const seed = (prefix: string) => readFileSync(seeds.path(readdirSync(seeds.path()).find((f) => f.startsWith(prefix))!), 'utf8');

describe('parseWorkOrders', () => {
  seeds.describe('on the GA-gaps execution plan', () => {
    const orders = parseWorkOrders(seed('000_'));

    it('finds its 30 work orders in order, and not the appendices', () => {
      expect(orders.map((o) => o.id)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    });

    it('reads the title, priority and owner of each heading', () => {
      expect(orders[7]).toMatchObject({ id: '8', label: '8)', title: 'Evidence Panel (Supply Chain)', priority: 'P0', owner: 'Security + Platform', level: 3 });
      expect(orders[3]).toMatchObject({ title: 'Data Residency / Route Pins', priority: 'P2', owner: 'Platform + Data' });
      expect(orders.filter((o) => o.priority === 'P0')).toHaveLength(15);
      expect(orders.every((o) => o.owner && o.title && !o.title.includes('**'))).toBe(true);
    });

    it('keeps the section text up to the next heading, without the rule that ends the list', () => {
      expect(orders[7]!.body).toBe(
        [
          '**Do** Gate PRs on Cosign/SLSA attestations; DSSE bundle validation; SBOM diff viewer; quarantine unverified artifacts.  ',
          '**Accept** Missing/invalid attestation **blocks**; SBOM diff visible; WORM enforced.  ',
          '**Evidence** Failing CI logs, diff screenshots.',
        ].join('\n'),
      );
      expect(orders[29]!.body.endsWith('**Evidence** Workflow runs, blocked PR example.')).toBe(true);
      expect(orders[0]!.body).toContain('**SCIM** lifecycle');
    });
  });

  seeds.describe('on the sprint plans', () => {
    it.each([
      ['001_', ['AL', 'AM', 'AN', 'AO', 'AP', 'AQ']],
      ['002_', ['G', 'H', 'I', 'J', 'K', 'L', 'M']],
      ['003_', ['CD', 'CE', 'CF', 'CG', 'CH', 'CI']],
      ['004_', ['BE', 'BF', 'BG', 'BH', 'BI', 'BJ']],
    ])('%s lists its epics as work orders', (prefix, ids) => {
      const orders = parseWorkOrders(seed(prefix));
      expect(orders.map((o) => o.id)).toEqual(ids);
      expect(orders.every((o) => o.label === `EPIC ${o.id}` && o.priority === undefined && o.body.length > 100)).toBe(true);
    });

    it('ignores headings inside code blocks', () => {
      expect(parseWorkOrders(seed('002_')).some((o) => o.body.includes('# Require purpose alignment'))).toBe(false);
      expect(parseWorkOrders('### 1) Real\ntext\n```\n### 2) In code\n```\n').map((o) => [o.id, o.body])).toEqual([['1', 'text\n```\n### 2) In code\n```']]);
    });
  });

  describe('on other heading styles', () => {
    it.each([
      ['## 8. Evidence Panel', { id: '8', label: '8.', title: 'Evidence Panel' }],
      ['### WO-8: Evidence Panel — P1', { id: '8', label: 'WO-8', title: 'Evidence Panel', priority: 'P1' }],
      ['### GAP-12 — Multi-tenant RBAC — Owner: Security', { id: '12', label: 'GAP-12', title: 'Multi-tenant RBAC', owner: 'Security' }],
      ['#### 3: Backups ###', { id: '3', title: 'Backups', level: 4 }],
      ['### 08) Leading zero', { id: '8', label: '08)' }],
      ['### 9)', { id: '9', title: 'Work order 9)' }],
      ['### 2) P0 — Title with its priority', { title: 'P0 — Title with its priority', priority: undefined }],
      ['### 4) **Billing** — __P1 / Medium__ — **Owners:** Platform + Finance', { title: 'Billing', priority: 'P1', owner: 'Platform + Finance' }],
    ])('%s', (heading, expected) => {
      const [order] = parseWorkOrders(`${heading}\nbody`);
      expect(order).toMatchObject(expected);
    });

    it.each([
      ['# 1) Level one'],
      ['##### 1) Level five'],
      ['### A. Appendix'],
      ['### 2025 roadmap'],
      ['### 1.2 Subsection'],
      ['###1) No space'],
      ['    ### 1) Indented code'],
    ])('%s is not a work order', (heading) => {
      expect(parseWorkOrders(`${heading}\nbody`)).toEqual([]);
    });

    it('keeps deeper headings in the body, and a Priority or Owner line when the heading has none', () => {
      const orders = parseWorkOrders('## 1) Parent\nPriority: P2\n- **Owner:** SRE\n### 2) Nested\ntext\n## 3) Next\r\nend\r\n');
      expect(orders.map((o) => [o.id, o.priority, o.owner, o.body])).toEqual([
        ['1', 'P2', 'SRE', 'Priority: P2\n- **Owner:** SRE\n### 2) Nested\ntext'],
        ['3', undefined, undefined, 'end'],
      ]);
    });

    it('gives headings longer than 500 characters no work order', () => {
      expect(parseWorkOrders(`### 1) ${'x'.repeat(600)}`)).toEqual([]);
    });
  });
});

describe('normalizeWorkOrderId', () => {
  it.each([
    ['8', '8'],
    ['08', '8'],
    ['#8', '8'],
    ['wo-8', '8'],
    ['GAP-08', '8'],
    ['epic al', 'AL'],
    ['AL', 'AL'],
    ['0', '0'],
  ])('%s is %s', (typed, id) => {
    expect(normalizeWorkOrderId(typed)).toBe(id);
  });
});
