import { createHmac, timingSafeEqual } from 'node:crypto';
import { DOCS_URL, HttpError, notFound } from '../http-error.js';
import type { RouteDefinition } from '../route-context.js';

/** How long a download URL stays valid: GitHub's artifact URLs last about a minute. */
const URL_SECONDS = 60;

function signature(secret: Buffer, id: number, expires: number): string {
  return createHmac('sha256', secret).update(`artifact:${id}:${expires}`).digest('hex').slice(0, 32);
}

/** The signed path of an artifact's zip, outside the API prefix, as GitHub's redirect points at blob storage. */
export function artifactBlobPath(secret: Buffer, id: number, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + URL_SECONDS;
  return `/_blob/artifacts/${id}.zip?se=${expires}&sig=${signature(secret, id, expires)}`;
}

/** The blob host: serves a zip when the URL's signature is the simulator's and it has not expired. */
export function blobRoutes(secret: Buffer): RouteDefinition[] {
  return [
    {
      route: 'GET /_blob/artifacts/{id}',
      auth: 'public',
      resource: 'none',
      handle: (ctx) => {
        const id = Number(/^(\d+)\.zip$/.exec(ctx.params.id ?? '')?.[1]);
        const expires = Number(ctx.query.get('se'));
        const given = Buffer.from(ctx.query.get('sig') ?? '');
        const wanted = Buffer.from(signature(secret, id, expires));
        if (!Number.isSafeInteger(id) || given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new HttpError(403, { message: 'Server failed to authenticate the request.', documentation_url: DOCS_URL });
        if (expires * 1000 < ctx.state.clock().getTime()) throw new HttpError(403, { message: 'Signed expiry time has passed.', documentation_url: DOCS_URL });
        const artifact = [...ctx.state.repositories.values()].flatMap((r) => r.artifacts).find((a) => a.id === id);
        if (!artifact) throw notFound();
        return { status: 200, raw: { contentType: 'application/zip', data: artifact.zip } };
      },
    },
  ];
}
