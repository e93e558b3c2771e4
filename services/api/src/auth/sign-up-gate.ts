import { ForbiddenError, ValidationError } from '@strata/kernel';
import { signUpVerdict } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';

/**
 * The instance's sign-up blocks, checked before anything is written (the API and the
 * sign-up page alike): refuses a blocked address or e-mail, and says whether the new
 * account must wait for approval though registrations are open.
 */
export async function checkSignUpBlocks(deps: ApiDeps, input: { email: string; ip: string | null }): Promise<{ needsApproval: boolean }> {
  const result = await signUpVerdict(await deps.readModels(), { ...input, now: deps.clock.now() });
  if (result.verdict === 'block') {
    if (result.by === 'ip') throw new ForbiddenError('Sign-ups from your network are not allowed');
    const description = result.by === 'email_domain' ? 'uses a disallowed e-mail provider' : 'is blocked';
    throw new ValidationError(`Validation failed: Email ${description}`, { email: [{ error: 'ERR_BLOCKED', description }] });
  }
  return { needsApproval: result.verdict === 'approval' };
}
