/** Criticality of a schema change, as graphql-inspector classifies it. */
export type Criticality = 'breaking' | 'dangerous' | 'safe';

/** One change between the old and the new schema. */
export interface SchemaChange {
  criticality: Criticality;
  /** graphql-inspector change type, such as FIELD_REMOVED. */
  type: string;
  /** Schema coordinate (`Query.user`, `User.email`, `Query.user.id` for an argument); empty when the change has none. */
  path: string;
  message: string;
  /** Why the change has its criticality. */
  reason?: string;
  /** Line in the new schema's SDL (the nearest surviving parent for removals), when the new schema is SDL. */
  line?: number;
}

/** An element deprecated in the new schema, or a deprecated element the change removes. */
export interface Deprecation {
  path: string;
  reason?: string;
  removed: boolean;
}

/** A persisted operation that does not validate against the new schema. */
export interface BrokenOperation {
  /** Operation name; `fragment <Name>` for errors inside a fragment; `anonymous <hash>` for unnamed operations. */
  operation: string;
  file: string;
  message: string;
}

/** The result of checking a folder of persisted operations. */
export interface PersistedQueryCheck {
  checked: number;
  broken: BrokenOperation[];
}

/** Where a schema was read from. */
export interface SchemaSource {
  source: string;
  ref?: string;
}

/** The `data` of a schema-diff evidence report (evidence-schemas/schema-diff.v1.json). */
export interface SchemaDiffData {
  old: SchemaSource;
  new: SchemaSource;
  counts: Record<Criticality, number>;
  changes: SchemaChange[];
  deprecations: Deprecation[];
  approval?: { label: string; appliedBy?: string };
  persistedQueries?: PersistedQueryCheck;
}
