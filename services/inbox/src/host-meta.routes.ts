import { Router } from 'express';
import type { StrataConfig } from '@strata/config';
import { escapeHtml } from '@strata/text';

/** host-meta (RFC 6415): older peers find WebFinger through it. */
export function hostMetaRoutes(config: StrataConfig) {
  const router = Router();
  const template = escapeHtml(`${config.publicUrl}/.well-known/webfinger?resource={uri}`);
  router.get('/.well-known/host-meta', (_req, res) => {
    res.type('application/xrd+xml; charset=utf-8').send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" template="${template}"/>\n</XRD>\n`,
    );
  });
  return router;
}
