import { MaestroError } from '../errors.js';
import { isReleaseTag } from './build-manifest.js';
import type { VerificationCheck } from './render-verification.js';

/**
 * The release a bundle must be of, and where that came from. Bundles lie at `<store>/<tag>`, a tag
 * with `/` in it as nested folders (`v1.0.0/hotfix` at `<store>/v1.0.0/hotfix`), so the tag is read
 * from the end of the location: as many segments as the manifest's tag has, all of the path below
 * `--releases` when the bundle lies there, or the path below the nearest folder above that is
 * itself a release's bundle (as the nested release `v1.0.0/hotfix` lies inside v1.0.0's bundle).
 */
export type AskedRelease =
  | { tag: string; from: 'option' }
  | { tag: string; from: 'location'; segments: number }
  | { tag: string; from: 'releases'; releases: string }
  | { tag: string; from: 'parent'; parent: string; parentRelease: string };

/** The decoded path segments of a store URL (file://, s3:// after the bucket, or a folder's file URL). */
export function locationSegments(url: string): string[] {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  return path.split('/').filter((s) => s !== '').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

/** The tag `--release` asks for, refused when it could not name a bundle. */
export function askedByOption(tag: string): AskedRelease {
  if (!isReleaseTag(tag)) throw new MaestroError('USAGE', `--release '${tag}' is not a release tag`, { remedy: 'pass the tag the bundle was built for, such as v1.2.0 (letters, digits and . _ / + -, without empty, . or .. segments).' });
  return { tag, from: 'option' };
}

/** The tag at the end of the location, as many segments long as the manifest's tag; undefined when the location has no path. */
export function askedByLocation(url: string, manifestRelease: string): AskedRelease | undefined {
  const segments = locationSegments(url);
  const n = Math.min(manifestRelease.split('/').length, segments.length);
  return n === 0 ? undefined : { tag: segments.slice(-n).join('/'), from: 'location', segments: n };
}

/** The path of `url` below `root` when it lies there and is a valid tag: the bundle's tag in a releases folder. */
export function askedByReleases(url: string, root: string): AskedRelease | undefined {
  const base = root.replace(/\/+$/, '');
  if (!url.startsWith(`${base}/`)) return undefined;
  const tag = locationSegments(url).slice(locationSegments(base).length).join('/');
  return isReleaseTag(tag) ? { tag, from: 'releases', releases: base } : undefined;
}

/** Says where the asked-for tag came from, for the check's message. */
export function describeAsked(asked: AskedRelease, location: string): string {
  switch (asked.from) {
    case 'option':
      return '--release';
    case 'location':
      return `the last ${asked.segments === 1 ? 'segment' : `${asked.segments} segments`} of ${location}`;
    case 'releases':
      return `the path of ${location} below --releases ${asked.releases}`;
    case 'parent':
      return `${location} lies inside the bundle of release ${asked.parentRelease} at ${asked.parent}`;
  }
}

/**
 * The release check: the manifest must be of the release asked for. A bundle copied under another
 * tag (v1.0.0's objects at `<store>/v1.1.0`) is intact in every other way, so only this check
 * stops it from passing as the release whose place it took.
 */
export function checkRelease(manifestRelease: string, asked: AskedRelease | undefined, location: string): VerificationCheck {
  if (!asked) {
    return { check: 'release', subject: manifestRelease, result: 'fail', detail: `the manifest is of release ${manifestRelease}, but ${location} has no path to tell which release was asked for: pass --release <tag>` };
  }
  const why = describeAsked(asked, location);
  if (asked.tag !== manifestRelease) return { check: 'release', subject: asked.tag, result: 'fail', detail: `the manifest is of release ${manifestRelease}, but ${asked.tag} was asked for (${why})` };
  return { check: 'release', subject: asked.tag, result: 'pass', detail: `the manifest is of release ${manifestRelease}, as asked for (${why})` };
}
