/** An in-toto statement (v0.1 or v1) decoded from a DSSE envelope. */
export interface InTotoStatement {
  _type: string;
  subject: { name?: string; digest: Record<string, string> }[];
  predicateType: string;
  predicate?: unknown;
}
