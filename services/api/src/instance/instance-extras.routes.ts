import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { plainTextToHtml } from '@strata/text';
import { knownDomainsCollection, suspendedDomains, weeklyActivity } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { supportedLanguages } from './languages.ts';
import { publicDomainBlocks } from './public-domain-blocks.ts';

/** The instance's public side documents: peers, activity, description, policies, languages. */
export function instanceExtraRoutes(deps: ApiDeps): Router {
  const router = Router();
  const startedAt = deps.clock.now().toISOString();

  router.get('/api/v1/instance/peers', async (_req, res) => {
    const store = await deps.readModels();
    // servers the instance suspended are no peers of it, as in Mastodon
    const [domains, suspended] = await Promise.all([knownDomainsCollection(store).find({ sort: { field: 'id', direction: 'asc' } }), suspendedDomains(store)]);
    res.json(domains.map((d) => d.id).filter((domain) => !suspended.includes(domain)));
  });

  router.get('/api/v1/instance/activity', async (_req, res) => {
    const weeks = await weeklyActivity(await deps.readModels(), deps.clock.now());
    res.json(
      weeks.map((w) => ({
        week: String(Math.floor(w.weekStart.getTime() / 1000)),
        statuses: String(w.statuses),
        logins: String(w.logins),
        registrations: String(w.registrations),
      })),
    );
  });

  router.get('/api/v1/instance/extended_description', (_req, res) => {
    const text = deps.config.instance.description;
    // the description comes from configuration, in force since this process started
    res.json({ updated_at: startedAt, content: text ? plainTextToHtml(text) : '' });
  });

  // the operator's documents from configuration; Mastodon answers 404 when there is none
  const privacyPolicy = deps.config.instance.privacyPolicy;
  router.get('/api/v1/instance/privacy_policy', (_req, res) => {
    if (!privacyPolicy.trim()) throw new NotFoundError();
    res.json({ updated_at: startedAt, content: plainTextToHtml(privacyPolicy) });
  });

  // the terms have one version, the configured one, in effect since this process started
  const termsOfService = () => {
    const text = deps.config.instance.termsOfService;
    if (!text.trim()) throw new NotFoundError();
    return { effective_date: startedAt.slice(0, 10), effective: true, content: plainTextToHtml(text), succeeded_by: null };
  };
  router.get('/api/v1/instance/terms_of_service', (_req, res) => {
    res.json(termsOfService());
  });
  // a version by its effective date (Mastodon 4.4): any other date is a 404, as for an unpublished one
  router.get('/api/v1/instance/terms_of_service/:date', (req, res) => {
    const date = z.iso.date().safeParse(req.params.date);
    const terms = termsOfService();
    if (!date.success || date.data !== terms.effective_date) throw new NotFoundError();
    res.json(terms);
  });

  router.get('/api/v1/instance/languages', (_req, res) => {
    res.json(supportedLanguages());
  });

  // translation is off on this server: no language pair can be translated
  router.get('/api/v1/instance/translation_languages', (_req, res) => {
    res.json({});
  });

  router.get('/api/v1/instance/domain_blocks', async (_req, res) => {
    res.json(await publicDomainBlocks(await deps.readModels()));
  });
  return router;
}
