import { createHash } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '@strata/kernel';
import { allowInstanceDomain, blockInstanceDomain, changeInstanceDomainBlock, disallowInstanceDomain, unblockInstanceDomain } from '@strata/commands';
import { type DomainBlockSettings, domainBlockSeverity, domainName } from '@strata/contracts';
import { body, query } from '@strata/http';
import { type InstanceDomainAllowDoc, type InstanceDomainBlockDoc, instanceDomainAllowsCollection, instanceDomainBlocksCollection } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { requireStaff, staffOf } from './staff-gate.ts';

const id = z.string().regex(/^\d{1,20}$/);
const comment = z.string().max(1000).nullish().transform((value) => value || null);
const blockParams = z.object({
  severity: domainBlockSeverity.default('silence'),
  reject_media: formBoolean.default(false),
  reject_reports: formBoolean.default(false),
  obfuscate: formBoolean.default(false),
  private_comment: comment,
  public_comment: comment,
});

const settingsOf = (params: z.infer<typeof blockParams>): DomainBlockSettings => ({
  severity: params.severity,
  rejectMedia: params.reject_media,
  rejectReports: params.reject_reports,
  obfuscate: params.obfuscate,
  privateComment: params.private_comment,
  publicComment: params.public_comment,
});

/** SHA-256 of the domain, as Mastodon publishes it next to obfuscated domains. */
export const domainDigest = (domain: string) => createHash('sha256').update(domain).digest('hex');

const presentBlock = (block: InstanceDomainBlockDoc) => ({
  id: block.id,
  domain: block.domain,
  digest: domainDigest(block.domain),
  created_at: block.createdAt,
  severity: block.severity,
  reject_media: block.rejectMedia,
  reject_reports: block.rejectReports,
  private_comment: block.privateComment,
  public_comment: block.publicComment,
  obfuscate: block.obfuscate,
});
const presentAllow = (allow: InstanceDomainAllowDoc) => ({ id: allow.id, domain: allow.domain, created_at: allow.createdAt });

/** Federation is the admins' business (Mastodon's `manage_federation`), not moderators'. */
const adminOnly: RequestHandler = (_req, res, next) => {
  if (!['owner', 'admin'].includes(staffOf(res).role)) throw new ForbiddenError('This action is not allowed');
  next();
};

/**
 * The servers the instance blocks (`/api/v1/admin/domain_blocks`) and, in limited-federation
 * mode, allows (`/api/v1/admin/domain_allows`); each change an event with the admin as actor.
 */
export function adminDomainPolicyRoutes(deps: ApiDeps): Router {
  const router = Router();
  const guard = (kind: 'read' | 'write', what: 'domain_blocks' | 'domain_allows') => [...requireStaff(deps, `admin:${kind}:${what}`), adminOnly];
  const blocks = async () => instanceDomainBlocksCollection(await deps.readModels());
  const allows = async () => instanceDomainAllowsCollection(await deps.readModels());
  const byId = async <T>(collection: { get(id: string): Promise<T | null> }, value: unknown): Promise<T> => {
    const parsed = id.safeParse(value);
    const doc = parsed.success ? await collection.get(parsed.data) : null;
    if (!doc) throw new NotFoundError();
    return doc;
  };
  const list = <T extends { id: string }>(path: string, what: 'domain_blocks' | 'domain_allows', collection: () => Promise<{ find: (o: object) => Promise<T[]> }>, present: (doc: T) => unknown) =>
    router.get(path, ...guard('read', what), async (req, res) => {
      const page = pageQuery(query(req, pageParams), 'id', 200);
      const docs = page.order(await (await collection()).find({ where: page.where, sort: page.sort, limit: page.limit }), (doc) => doc.id);
      setLinkHeader(req, res, deps.config.publicUrl, docs.map((doc) => doc.id));
      res.json(docs.map(present));
    });

  list('/api/v1/admin/domain_blocks', 'domain_blocks', blocks, presentBlock);
  router.get('/api/v1/admin/domain_blocks/:id', ...guard('read', 'domain_blocks'), async (req, res) => {
    res.json(presentBlock(await byId(await blocks(), req.params.id)));
  });
  router.post('/api/v1/admin/domain_blocks', ...guard('write', 'domain_blocks'), async (req, res) => {
    const params = body(req, blockParams.extend({ domain: domainName }));
    if (params.domain === deps.config.domain) throw new ForbiddenError('You cannot block your own server');
    const result = await blockInstanceDomain(await commandDeps(deps), { domain: params.domain, settings: settingsOf(params) }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json(presentBlock((await (await blocks()).find({ where: { domain: params.domain }, limit: 1 }))[0]!));
  });
  router.put('/api/v1/admin/domain_blocks/:id', ...guard('write', 'domain_blocks'), async (req, res) => {
    const existing = await byId(await blocks(), req.params.id);
    const params = body(req, blockParams.partial());
    const current = { severity: existing.severity, reject_media: existing.rejectMedia, reject_reports: existing.rejectReports, obfuscate: existing.obfuscate, private_comment: existing.privateComment, public_comment: existing.publicComment };
    const settings = settingsOf({ ...current, ...Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) });
    const result = await changeInstanceDomainBlock(await commandDeps(deps), { domain: existing.domain, settings }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json(presentBlock(await byId(await blocks(), existing.id)));
  });
  router.delete('/api/v1/admin/domain_blocks/:id', ...guard('write', 'domain_blocks'), async (req, res) => {
    const existing = await byId(await blocks(), req.params.id);
    await awaitProjection(deps, await unblockInstanceDomain(await commandDeps(deps), { domain: existing.domain }, metadataOf(res)));
    res.json({});
  });

  list('/api/v1/admin/domain_allows', 'domain_allows', allows, presentAllow);
  router.get('/api/v1/admin/domain_allows/:id', ...guard('read', 'domain_allows'), async (req, res) => {
    res.json(presentAllow(await byId(await allows(), req.params.id)));
  });
  router.post('/api/v1/admin/domain_allows', ...guard('write', 'domain_allows'), async (req, res) => {
    const { domain } = body(req, z.object({ domain: domainName }));
    await awaitProjection(deps, await allowInstanceDomain(await commandDeps(deps), { domain }, metadataOf(res)));
    res.json(presentAllow((await (await allows()).find({ where: { domain }, limit: 1 }))[0]!));
  });
  router.delete('/api/v1/admin/domain_allows/:id', ...guard('write', 'domain_allows'), async (req, res) => {
    const existing = await byId(await allows(), req.params.id);
    await awaitProjection(deps, await disallowInstanceDomain(await commandDeps(deps), { domain: existing.domain }, metadataOf(res)));
    res.json({});
  });
  return router;
}
