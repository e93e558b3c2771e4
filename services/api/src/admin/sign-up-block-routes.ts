import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { addSignUpBlock, changeSignUpBlock, removeSignUpBlock } from '@strata/commands';
import type { SignUpBlockKind } from '@strata/contracts';
import type { SignUpBlockFields } from '@strata/domain';
import { query } from '@strata/http';
import { type SignUpBlockDoc, signUpBlocksCollection } from '@strata/views';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { blockManagers, requireStaff } from './staff-gate.ts';

const id = z.string().regex(/^\d{1,20}$/);

/** One kind of sign-up block as a Mastodon admin resource: its path, its params and its entity. */
export interface BlockResource {
  path: string;
  kind: SignUpBlockKind;
  scope: string;
  /** The fields of a new block from the request (throws ValidationError when they are wrong). */
  create(req: Request): SignUpBlockFields;
  /** The fields after an update, given the block as it is; absent when the resource cannot be updated. */
  update?(req: Request, current: SignUpBlockDoc): SignUpBlockFields;
  present(doc: SignUpBlockDoc): object;
  /** What "already taken" is called for this kind. */
  takenField: string;
}

/** Mastodon's index, show, create, (update) and delete for one kind of sign-up block; admins only. */
export function signUpBlockRoutes(deps: ApiDeps, resource: BlockResource): Router {
  const router = Router();
  const read = requireStaff(deps, `admin:read:${resource.scope}`, blockManagers);
  const write = requireStaff(deps, `admin:write:${resource.scope}`, blockManagers);
  const blocks = async () => signUpBlocksCollection(await deps.readModels());
  const blockOf = async (value: unknown) => {
    const parsed = id.safeParse(value);
    const doc = parsed.success ? await (await blocks()).get(parsed.data) : null;
    if (!doc || doc.kind !== resource.kind) throw new NotFoundError();
    return doc;
  };
  const refuseTaken = async (value: string, except?: string) => {
    const [taken] = await (await blocks()).find({ where: { kind: resource.kind, value }, limit: 2 });
    if (taken && taken.id !== except) {
      throw new ValidationError(`Validation failed: ${resource.takenField} has already been taken`, { [resource.takenField.toLowerCase()]: [{ error: 'ERR_TAKEN', description: 'has already been taken' }] });
    }
  };
  const show = async (res: Response, blockId: unknown) => res.json(resource.present(await blockOf(blockId)));

  router.get(resource.path, ...read, async (req, res) => {
    const page = pageQuery(query(req, pageParams), 'id', 200);
    const docs = page.order(await (await blocks()).find({ where: { ...page.where, kind: resource.kind }, sort: page.sort, limit: page.limit }), (b) => b.id);
    setLinkHeader(req, res, deps.config.publicUrl, docs.map((b) => b.id));
    res.json(docs.map(resource.present));
  });

  router.get(`${resource.path}/:id`, ...read, async (req, res) => show(res, req.params.id));

  router.post(resource.path, ...write, async (req, res) => {
    const fields = resource.create(req);
    await refuseTaken(fields.value);
    const result = await addSignUpBlock(await commandDeps(deps), fields, metadataOf(res));
    await awaitProjection(deps, result);
    await show(res, result.blockId);
  });

  if (resource.update) {
    const update = resource.update;
    router.put(`${resource.path}/:id`, ...write, async (req, res) => {
      const current = await blockOf(req.params.id);
      const fields = update(req, current);
      await refuseTaken(fields.value, current.id);
      await awaitProjection(deps, await changeSignUpBlock(await commandDeps(deps), { ...fields, blockId: current.id }, metadataOf(res)));
      await show(res, current.id);
    });
  }

  router.delete(`${resource.path}/:id`, ...write, async (req, res) => {
    const current = await blockOf(req.params.id);
    await awaitProjection(deps, await removeSignUpBlock(await commandDeps(deps), { blockId: current.id }, metadataOf(res)));
    res.json({});
  });
  return router;
}
