import { Router } from 'express';
import { z } from 'zod';
import { STRATA_VERSION, ValidationError } from '@strata/kernel';
import { body } from '@strata/http';
import { type DimensionKey, type MeasureKey, dimension, dimensionKeys, measure, measureKeys, retention } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { requireStaff } from './staff-gate.ts';

const MAX_DAYS = 400;
const keyList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));
const date = z.string().max(40).refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date').transform((value) => new Date(value));
const range = z.object({ start_at: date, end_at: date });
const measureParams = range.extend({ keys: keyList });
const dimensionParams = measureParams.extend({ limit: z.coerce.number().int().min(1).max(100).default(10) });
const retentionParams = range.extend({ frequency: z.enum(['day', 'month']).default('day') });

function checkRange(params: { start_at: Date; end_at: Date }) {
  const days = (params.end_at.getTime() - params.start_at.getTime()) / 86_400_000;
  if (days < 0 || days > MAX_DAYS) throw new ValidationError(`Validation failed: the period must run forward and last at most ${MAX_DAYS} days`);
}
/** The requested keys this server computes, in the order asked (Mastodon leaves unknown keys out). */
const known = <K extends string>(keys: string[], all: readonly K[]) => [...new Set(keys)].filter((key): key is K => (all as readonly string[]).includes(key));

/** Mastodon's admin dashboard data: measures, dimensions and retention, from projections of the event log. */
export function adminMetricsRoutes(deps: ApiDeps): Router {
  const router = Router();
  const read = requireStaff(deps, 'admin:read');

  router.post('/api/v1/admin/measures', ...read, async (req, res) => {
    const params = body(req, measureParams);
    checkRange(params);
    const store = await deps.readModels();
    res.json(await Promise.all(known<MeasureKey>(params.keys, measureKeys).map((key) => measure(store, key, params.start_at, params.end_at))));
  });

  router.post('/api/v1/admin/dimensions', ...read, async (req, res) => {
    const params = body(req, dimensionParams);
    checkRange(params);
    const store = await deps.readModels();
    const software = { strata: STRATA_VERSION, node: process.versions.node };
    res.json(await Promise.all(known<DimensionKey>(params.keys, dimensionKeys).map((key) => dimension(store, key, params.start_at, params.end_at, params.limit, software))));
  });

  router.post('/api/v1/admin/retention', ...read, async (req, res) => {
    const params = body(req, retentionParams);
    checkRange(params);
    res.json(await retention(await deps.readModels(), params.start_at, params.end_at, params.frequency));
  });
  return router;
}
