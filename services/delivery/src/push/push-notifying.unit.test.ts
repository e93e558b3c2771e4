import { describe, expect, it } from 'vitest';
import { strataEvents } from '@strata/contracts';
import { NOTIFYING_EVENTS, pushReactions } from './push-jobs.ts';
import { pushPayload } from './push-payload.ts';

const entity = (type: string) => ({ id: '1', type, account: { acct: 'alice', display_name: 'Alice', avatar_static: 'https://a.example/a.png' }, status: { content: '<p>hi</p>', spoiler_text: '' } });

describe('Web Push notifying events', () => {
  it('names only registered events, each with a fan-out reaction', () => {
    for (const type of NOTIFYING_EVENTS) {
      expect(strataEvents.has(type), type).toBe(true);
      expect(pushReactions[type], type).toHaveLength(1);
    }
  });

  it('fans out for the events that make poll, quote and quoted_update notifications', () => {
    // poll: PollExpired (polls projection); quote: StatusPosted and quoted_update: StatusEdited (quotes projection)
    for (const type of ['PollExpired', 'StatusPosted', 'StatusEdited']) expect(pushReactions[type], type).toBeDefined();
  });

  it('titles poll, quote and quoted_update pushes as their own kind', () => {
    expect(pushPayload(entity('poll'), 't', 'en').title).toBe('A poll by Alice has ended');
    expect(pushPayload(entity('quote'), 't', 'en').title).toBe('Alice quoted your post');
    expect(pushPayload(entity('quoted_update'), 't', 'en').title).toBe('Alice edited a post you quoted');
  });
});
