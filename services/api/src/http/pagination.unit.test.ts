import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { MAX_LINK_HEADER_LENGTH, setLinkHeader } from './pagination.ts';

function linkFor(originalUrl: string, query: Record<string, unknown>) {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (headers[name] = value) } as unknown as Response;
  setLinkHeader({ originalUrl, query } as unknown as Request, res, 'https://social.example', ['30', '10']);
  return headers['Link'];
}

describe('setLinkHeader', () => {
  it('keeps the limit and known filters, and drops everything else', () => {
    const link = linkFor('/api/v1/notifications?limit=5&types[]=mention&evil=1&max_id=99', { limit: '5', types: ['mention'], evil: '1', max_id: '99' });
    expect(link).toBe(
      '<https://social.example/api/v1/notifications?limit=5&types%5B%5D=mention&max_id=10>; rel="next", ' +
        '<https://social.example/api/v1/notifications?limit=5&types%5B%5D=mention&min_id=30>; rel="prev"',
    );
  });

  it('drops filters that do not look like filters, and the whole header past its length cap', () => {
    const odd = linkFor('/api/v1/timelines/public', { limit: '1e9', local: 'x'.repeat(500), only_media: { $gt: '' } });
    expect(odd).toBe('<https://social.example/api/v1/timelines/public?max_id=10>; rel="next", <https://social.example/api/v1/timelines/public?min_id=30>; rel="prev"');
    expect(linkFor(`/api/v1/timelines/tag/${'t'.repeat(MAX_LINK_HEADER_LENGTH)}`, {})).toBeUndefined();
  });
});
