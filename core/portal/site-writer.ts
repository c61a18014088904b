/**
 * The folder a portal site is written to (adapters/fs implements it): pages and copies go to a
 * staging folder that replaces the site in one step when complete, so a reader never sees half a
 * site and a failed build leaves the previous one in place.
 */
export interface SiteDraft {
  /** Writes a file at a `/`-separated path below the site's root, creating folders. */
  write(path: string, bytes: Buffer | string): Promise<void>;
  /** Puts the finished site in place of the previous one. */
  save(): Promise<void>;
  /** Removes the staging folder; after `save()` nothing is left to remove. */
  discard(): Promise<void>;
}

/** Starts a site in `outDir`: refused (USAGE) when the folder holds files that are not a portal site. */
export type StartSite = (outDir: string) => Promise<SiteDraft & { readonly dir: string }>;
