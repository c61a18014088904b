import { MaestroError } from '../errors.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from './types.js';

const SEGMENT = /^[A-Za-z0-9._+@=,-]+$/;

/**
 * Refuses an artifact path that could escape the bundle or collide with its own files: only
 * relative `/`-separated paths of portable characters, no empty, `.` or `..` segments, and not the
 * manifest's or signature's names. The same rule as the manifest schema, checked before anything is copied.
 */
export function checkBundlePath(path: string): void {
  const segments = path.split('/');
  const bad = path.length === 0 || path.length > 1000 || segments.some((s) => s === '.' || s === '..' || !SEGMENT.test(s));
  if (bad) {
    throw new MaestroError('ARTIFACT_REFUSED', `artifact path '${path}' is not allowed in a bundle`, { file: path, remedy: 'rename the file: paths may hold letters, digits and . _ + @ = , - in /-separated segments, without . or .. segments.' });
  }
  if (path === MANIFEST_FILE || path === SIGNATURE_FILE) {
    throw new MaestroError('ARTIFACT_REFUSED', `artifact ${path} has the name of the bundle's own ${path === MANIFEST_FILE ? 'manifest' : 'signature'}`, { file: path, remedy: 'rename it or move it into a subfolder of the artifacts folder.' });
  }
}
