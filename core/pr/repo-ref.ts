/** The repository a delivery is about. */
export interface RepoRef {
  id: number;
  owner: string;
  name: string;
  /** `owner/name`. */
  fullName: string;
  /** The default branch, where scheduled runs produce the repo-wide evidence (drift, drills, SLO burn). */
  defaultBranch?: string;
}
