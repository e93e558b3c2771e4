import type { Response } from 'express';
import { NotFoundError } from '@strata/kernel';
import { changeFilter } from '@strata/commands';
import type { FilterCommand } from '@strata/domain';
import { type FilterDoc, filterKeywordsCollection, filterStatusesCollection, filtersCollection } from '@strata/views';
import { userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { idParam } from './filter-params.ts';

/** The caller's own filter by id; anyone else's is Mastodon's 404, as if it did not exist. */
export async function ownFilter(deps: ApiDeps, res: Response, id: unknown): Promise<FilterDoc> {
  const parsed = idParam.safeParse(id);
  const filter = parsed.success ? await filtersCollection(await deps.readModels()).get(parsed.data) : null;
  if (!filter || filter.accountId !== userOf(res)) throw new NotFoundError();
  return filter;
}

/** The caller's filter that holds this keyword (or filtered status), by the part's own id. */
export async function filterOfPart(deps: ApiDeps, res: Response, kind: 'keyword' | 'status', id: unknown): Promise<FilterDoc> {
  const parsed = idParam.safeParse(id);
  const store = await deps.readModels();
  const part = parsed.success ? await (kind === 'keyword' ? filterKeywordsCollection : filterStatusesCollection)(store).get(parsed.data) : null;
  if (!part || part.accountId !== userOf(res)) throw new NotFoundError();
  return ownFilter(deps, res, part.filterId);
}

type WithoutTime<C> = C extends { at: Date } ? Omit<C, 'at'> : C;

/** Runs a filter command and waits until the read model shows it; returns the filter as it is now. */
export async function runFilterCommand(deps: ApiDeps, res: Response, command: WithoutTime<FilterCommand>): Promise<FilterDoc | null> {
  await awaitProjection(deps, await changeFilter(await commandDeps(deps), command, metadataOf(res)));
  return filtersCollection(await deps.readModels()).get(command.filterId);
}
