import type { components, operations, paths } from '@octokit/openapi-types';

/**
 * GitHub's own description of its REST payloads (`@octokit/openapi-types`), by schema name, so every
 * answer the simulator builds is checked by the compiler against what GitHub documents.
 */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body GitHub answers an operation with (by its Octokit operation id), for list envelopes such as `{ total_count, check_runs }`. */
export type ResponseBody<Op extends keyof operations, Status extends number = 200> = operations[Op] extends { responses: infer R } ? (Status extends keyof R ? JsonContent<R[Status]> : never) : never;

/** The JSON body an operation accepts: what a client may send, before the simulator checks it. */
export type RequestBody<Op extends keyof operations> = operations[Op] extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

/** The permissions an installation or its token holds, as GitHub names them. */
export type AppPermissions = Schema<'app-permissions'>;

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every REST route GitHub documents, as Octokit names it (`GET /repos/{owner}/{repo}/pulls`): the simulator serves no other. */
export type GitHubRoute = { [P in keyof paths & string]: `${Uppercase<Extract<keyof paths[P], HttpMethod>>} ${P}` }[keyof paths & string];
