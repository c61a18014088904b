import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readDriftEnv } from '../../../app/drift/read-drift-env.js';
import { privateKey } from '../../helpers/private-key.js';

const base = { DRIFT_TEMPLATE: '/srv/ci/templates' };

describe('readDriftEnv: the drift-fix App', () => {
  it('is absent unless DRIFT_APP_ID is set: the sweep then only reports', () => {
    expect(readDriftEnv(base)).not.toHaveProperty('fixApp');
  });

  it.each([
    ['a PEM key', privateKey],
    ['a base64 key', Buffer.from(privateKey).toString('base64')],
    ['a key pasted on one line with literal \\n', privateKey.replace(/\n/g, '\\n')],
  ])('reads DRIFT_APP_ID with %s', (_what, key) => {
    const fixApp = readDriftEnv({ ...base, DRIFT_APP_ID: '31', DRIFT_PRIVATE_KEY: key })!.fixApp!;
    expect({ ...fixApp, privateKey: fixApp.privateKey.trim() }).toEqual({ appId: 31, privateKey: privateKey.trim() });
  });

  it('reads the key from DRIFT_PRIVATE_KEY_PATH', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'maestro-drift-key-')), 'key.pem');
    writeFileSync(path, privateKey);
    expect(readDriftEnv({ ...base, DRIFT_APP_ID: '31', DRIFT_PRIVATE_KEY_PATH: path })!.fixApp).toEqual({ appId: 31, privateKey });
  });

  it.each([
    ['an id without a key', { DRIFT_APP_ID: '31' }, /DRIFT_APP_ID is set without DRIFT_PRIVATE_KEY or DRIFT_PRIVATE_KEY_PATH/],
    ['a key without an id', { DRIFT_PRIVATE_KEY: privateKey }, /DRIFT_PRIVATE_KEY is set without DRIFT_APP_ID/],
    ['an id that is not a number', { DRIFT_APP_ID: 'drift', DRIFT_PRIVATE_KEY: privateKey }, /DRIFT_APP_ID must be the drift-fix App's numeric id, got "drift"/],
    ['a key that is not PEM', { DRIFT_APP_ID: '31', DRIFT_PRIVATE_KEY: 'secret' }, /the drift-fix App's private key is not a PEM private key/],
    ['a key file that cannot be read', { DRIFT_APP_ID: '31', DRIFT_PRIVATE_KEY_PATH: '/nonexistent/key.pem' }, /DRIFT_PRIVATE_KEY_PATH \/nonexistent\/key.pem cannot be read \(ENOENT\)/],
  ])('refuses to start with %s, naming the variable', (_what, env, message) => {
    expect(() => readDriftEnv({ ...base, ...env })).toThrow(message);
  });
});
