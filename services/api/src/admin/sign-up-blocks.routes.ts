import { domainToASCII } from 'node:url';
import { Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '@strata/kernel';
import { SignUpBlockSeverity } from '@strata/contracts';
import { body } from '@strata/http';
import { type SignUpBlockDoc, canonicalEmailHash, parseIpRange, signUpBlocksCollection } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import type { ApiDeps } from '../http/deps.ts';
import { signUpBlockRoutes } from './sign-up-block-routes.ts';
import { blockManagers, requireStaff } from './staff-gate.ts';

const invalid = (field: string, description: string) =>
  new ValidationError(`Validation failed: ${field} ${description}`, { [field.toLowerCase()]: [{ error: 'ERR_INVALID', description }] });

const emailDomainParams = z.object({ domain: z.string().max(253), allow_with_approval: formBoolean.default(false) });
const canonicalParams = z.object({ canonical_email_hash: z.string().regex(/^[0-9a-f]{64}$/i).optional(), email: z.string().max(320).optional() });
const ipUpdate = z.object({ ip: z.string().max(64).optional(), severity: SignUpBlockSeverity.optional(), comment: z.string().max(1000).optional(), expires_in: z.coerce.number().int().min(1).max(10 * 365 * 86_400).optional() });
const ipParams = ipUpdate.extend({ ip: z.string().max(64), severity: SignUpBlockSeverity, comment: z.string().max(1000).default('') });

function blockedDomain(value: string): string {
  const domain = domainToASCII(value.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, ''));
  if (!domain || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw invalid('Domain', 'is not a valid domain');
  return domain;
}

function ipRange(value: string): string {
  const parsed = parseIpRange(value);
  if (!parsed) throw invalid('Ip', 'is not a valid IP address or range');
  return `${parsed.address}/${parsed.prefix}`;
}

const presentIp = (doc: SignUpBlockDoc) => ({ id: doc.id, ip: doc.value, severity: doc.severity, comment: doc.comment, created_at: doc.createdAt, expires_at: doc.expiresAt });
const presentCanonical = (doc: SignUpBlockDoc) => ({ id: doc.id, canonical_email_hash: doc.value });

/** Mastodon's e-mail domain blocks, canonical e-mail blocks (with /test) and IP blocks, enforced at sign-up. */
export function signUpBlockAdminRoutes(deps: ApiDeps): Router {
  const router = Router();
  const expiry = (seconds: number | undefined) => (seconds ? new Date(deps.clock.now().getTime() + seconds * 1000) : null);

  router.use(
    signUpBlockRoutes(deps, {
      path: '/api/v1/admin/email_domain_blocks',
      kind: 'email_domain',
      scope: 'email_domain_blocks',
      takenField: 'Domain',
      create(req) {
        const params = body(req, emailDomainParams);
        const severity = params.allow_with_approval ? 'sign_up_requires_approval' : 'sign_up_block';
        return { kind: 'email_domain', value: blockedDomain(params.domain), severity, comment: '', expiresAt: null };
      },
      // Mastodon's history counts sign-up attempts per day; Strata does not record refused attempts
      present: (doc) => ({ id: doc.id, domain: doc.value, created_at: doc.createdAt, history: [], allow_with_approval: doc.severity === 'sign_up_requires_approval' }),
    }),
  );

  router.post('/api/v1/admin/canonical_email_blocks/test', ...requireStaff(deps, 'admin:read:canonical_email_blocks', blockManagers), async (req, res) => {
    const { email } = body(req, z.object({ email: z.string().min(3).max(320) }));
    const matching = await signUpBlocksCollection(await deps.readModels()).find({ where: { kind: 'canonical_email', value: canonicalEmailHash(email) } });
    res.json(matching.map(presentCanonical));
  });

  router.use(
    signUpBlockRoutes(deps, {
      path: '/api/v1/admin/canonical_email_blocks',
      kind: 'canonical_email',
      scope: 'canonical_email_blocks',
      takenField: 'Canonical email hash',
      create(req) {
        const params = body(req, canonicalParams);
        const hash = params.canonical_email_hash?.toLowerCase() ?? (params.email?.includes('@') ? canonicalEmailHash(params.email) : null);
        if (!hash) throw invalid('Canonical email hash', "can't be blank");
        return { kind: 'canonical_email', value: hash, severity: 'sign_up_block', comment: '', expiresAt: null };
      },
      present: presentCanonical,
    }),
  );

  router.use(
    signUpBlockRoutes(deps, {
      path: '/api/v1/admin/ip_blocks',
      kind: 'ip',
      scope: 'ip_blocks',
      takenField: 'Ip',
      create(req) {
        const params = body(req, ipParams);
        return { kind: 'ip', value: ipRange(params.ip), severity: params.severity, comment: params.comment, expiresAt: expiry(params.expires_in) };
      },
      update(req, current) {
        const params = body(req, ipUpdate);
        return {
          kind: 'ip',
          value: params.ip === undefined ? current.value : ipRange(params.ip),
          severity: params.severity ?? current.severity,
          comment: params.comment ?? current.comment,
          expiresAt: params.expires_in === undefined ? (current.expiresAt ? new Date(current.expiresAt) : null) : expiry(params.expires_in),
        };
      },
      present: presentIp,
    }),
  );
  return router;
}
