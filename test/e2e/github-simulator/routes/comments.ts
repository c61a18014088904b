import { notFound, requireBody, validationFailed } from '../http-error.js';
import { recordEvent } from '../issue-store.js';
import type { SimComment, SimReaction, SimRepository } from '../model.js';
import type { RequestBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { intParam, json, type RouteContext, type RouteDefinition } from '../route-context.js';
import { issueComment, reaction } from '../shapes/issue.js';

/** GitHub's longest comment body. */
const MAX_BODY = 65536;
const REACTIONS: ReadonlyArray<SimReaction['content']> = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

function commentBody(body: unknown): string {
  const text = String(requireBody<{ body: string }>(body, ['body']).body);
  if (text.length > MAX_BODY) throw validationFailed([{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_BODY} characters)` }]);
  return text;
}

function commentOf(ctx: RouteContext): { repo: SimRepository; comment: SimComment } {
  const repo = ctx.repo();
  const comment = repo.comments.get(intParam(ctx, 'comment_id'));
  if (!comment) throw notFound();
  return { repo, comment };
}

function listComments(ctx: RouteContext) {
  const repo = ctx.repo();
  const number = intParam(ctx, 'issue_number');
  if (!repo.issues.has(number)) throw notFound();
  const since = ctx.query.get('since');
  const comments = [...repo.comments.values()].filter((c) => c.issueNumber === number && (!since || c.updatedAt >= since)).sort((a, b) => a.id - b.id);
  const page = paginate(comments, ctx.requestUrl);
  return json(200, page.items.map((c) => issueComment(repo, ctx.state.app, c, ctx.urls)), page.headers);
}

function createComment(ctx: RouteContext) {
  const repo = ctx.repo();
  const number = intParam(ctx, 'issue_number');
  const issue = repo.issues.get(number);
  if (!issue) throw notFound();
  const at = ctx.state.now();
  const comment: SimComment = { id: ctx.state.nextId('comment'), issueNumber: number, body: commentBody(ctx.body), user: ctx.actor(), createdAt: at, updatedAt: at, reactions: [], viaApp: ctx.principal.kind !== 'user' };
  repo.comments.set(comment.id, comment);
  recordEvent(ctx.state, issue, { event: 'commented', actor: comment.user, commentId: comment.id });
  return json(201, issueComment(repo, ctx.state.app, comment, ctx.urls), { location: `${ctx.urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}` });
}

function createReaction(ctx: RouteContext) {
  const { comment } = commentOf(ctx);
  const content = requireBody<RequestBody<'reactions/create-for-issue-comment'>>(ctx.body, ['content']).content;
  if (!content || !REACTIONS.includes(content)) throw validationFailed([{ resource: 'Reaction', field: 'content', code: 'invalid' }]);
  const actor = ctx.actor();
  // The same person's same reaction is answered with the existing one and 200, as GitHub does.
  const existing = comment.reactions.find((r) => r.user.id === actor.id && r.content === content);
  if (existing) return json(200, reaction(existing, ctx.urls));
  const created: SimReaction = { id: ctx.state.nextId('reaction'), content, user: actor, createdAt: ctx.state.now() };
  comment.reactions.push(created);
  return json(201, reaction(created, ctx.urls));
}

/** Issue and pull request comments and their reactions. */
export const commentRoutes: RouteDefinition[] = [
  { route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', auth: 'token', permission: ['issues', 'read'], handle: listComments },
  { route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', auth: 'token', permission: ['issues', 'write'], handle: createComment },
  {
    route: 'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
    auth: 'token',
    permission: ['issues', 'read'],
    handle: (ctx) => {
      const { repo, comment } = commentOf(ctx);
      return json(200, issueComment(repo, ctx.state.app, comment, ctx.urls));
    },
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    auth: 'token',
    permission: ['issues', 'write'],
    handle: (ctx) => {
      const { repo, comment } = commentOf(ctx);
      comment.body = commentBody(ctx.body);
      comment.updatedAt = ctx.state.now();
      return json(200, issueComment(repo, ctx.state.app, comment, ctx.urls));
    },
  },
  { route: 'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', auth: 'token', permission: ['issues', 'write'], handle: createReaction },
  {
    route: 'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    auth: 'token',
    permission: ['issues', 'read'],
    handle: (ctx) => {
      const { comment } = commentOf(ctx);
      const content = ctx.query.get('content');
      const page = paginate(comment.reactions.filter((r) => !content || r.content === content), ctx.requestUrl);
      return json(200, page.items.map((r) => reaction(r, ctx.urls)), page.headers);
    },
  },
];
