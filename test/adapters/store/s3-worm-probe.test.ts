import { describe, expect, it } from '@jest/globals';
import { FileStore } from '../../../adapters/store/file-store.js';
import { s3WormProbe } from '../../../adapters/store/s3-worm-probe.js';
import { tempDir } from '../../helpers/release-bundle.js';

describe('s3WormProbe', () => {
  describe('when the store is a folder', () => {
    it('throws USAGE: a local folder cannot refuse its owner', () => {
      const store = new FileStore(tempDir('maestro-worm-'));
      expect(() => s3WormProbe(store)).toThrow(expect.objectContaining({ code: 'USAGE', message: `the WORM drill needs an s3:// store with Object Lock, not ${store.url}` }));
    });
  });
});
