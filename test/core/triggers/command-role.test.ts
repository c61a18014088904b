import { describe, expect, it } from '@jest/globals';
import { commandGuard, roleApproves, toRepoRole } from '../../../core/triggers/command-role.js';
import { DEFAULT_CONFIG } from '../../../core/config/default-config.js';

describe('command roles', () => {
  it('reads GitHub role names, and the base permission of custom roles', () => {
    expect(toRepoRole('maintain', 'write')).toBe('maintain');
    expect(toRepoRole('triage', 'read')).toBe('triage');
    expect(toRepoRole('security-reviewer', 'write')).toBe('write');
    expect(toRepoRole(undefined, 'none')).toBe('none');
    expect(toRepoRole(undefined, undefined)).toBe('none');
  });

  it('lets a higher permission approve where a lower one is named, never the reverse', () => {
    expect(roleApproves('admin', { teams: [], permissions: ['maintain'] })).toBe(true);
    expect(roleApproves('maintain', { teams: [], permissions: ['maintain'] })).toBe(true);
    expect(roleApproves('write', { teams: [], permissions: ['maintain'] })).toBe(false);
    expect(roleApproves('admin', { teams: ['org/sec'], permissions: [] })).toBe(false);
  });

  it('guards waivers and overrides by the config approvers, housekeeping by triage, tasks and re-runs by write', () => {
    expect(commandGuard({ name: 'waive', controlId: 'GA-01', until: '2026-12-01', reason: 'r' }, DEFAULT_CONFIG)).toEqual({ type: 'approvers', approvers: DEFAULT_CONFIG.waivers.approvers, what: 'grant waivers' });
    expect(commandGuard({ name: 'override', reason: 'r' }, DEFAULT_CONFIG)).toEqual({ type: 'approvers', approvers: { teams: [], permissions: ['admin'] }, what: 'override the gate' });
    expect(commandGuard({ name: 'label', labels: ['x'] }, DEFAULT_CONFIG)).toEqual({ type: 'role', role: 'triage' });
    expect(commandGuard({ name: 'create-task', target: 'all' }, DEFAULT_CONFIG)).toEqual({ type: 'role', role: 'write' });
    expect(commandGuard({ name: 'gates-rerun' }, DEFAULT_CONFIG)).toEqual({ type: 'role', role: 'write' });
    expect(commandGuard({ name: 'help' }, DEFAULT_CONFIG)).toEqual({ type: 'anyone' });
  });
});
