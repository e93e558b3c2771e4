import express, { type Request, type Response } from 'express';
import { describe, expect, it } from 'vitest';
import { html, htmlToText, trustedContent } from './html.ts';
import { asksForActivityPub } from './negotiation.ts';

const request = (accept: string | undefined) => {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  // Express's own negotiation over a bare request object
  const req = Object.assign(Object.create(express.request), { headers }) as Request;
  return req;
};
const response = { vary: () => response } as unknown as Response;

describe('public page negotiation', () => {
  it.each([
    ['application/activity+json', true],
    ['application/ld+json; profile="https://www.w3.org/ns/activitystreams"', true],
    ['text/html,application/xhtml+xml,*/*;q=0.8', false],
    ['*/*', false],
    [undefined, false],
    ['application/activity+json, text/html;q=0.1', true],
    ['text/html, application/activity+json;q=0.5', false],
  ])('Accept %s asks for ActivityPub: %s', (accept, expected) => {
    expect(asksForActivityPub(request(accept), response)).toBe(expected);
  });
});

describe('page markup', () => {
  it('escapes every interpolated value and keeps only what the module built', () => {
    const name = '<img src=x onerror=alert(1)>"';
    expect(html`<p title="${name}">${name}${html`<b>ok</b>`}</p>`.value).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;&quot;">&lt;img src=x onerror=alert(1)&gt;&quot;<b>ok</b></p>');
  });

  it('shows remote content as text only', () => {
    expect(trustedContent('<p>hi <script>alert(1)</script></p>', false).value).toBe('<p>hi alert(1)</p>');
    expect(trustedContent('<p>local &amp; ours</p>', true).value).toBe('<p>local &amp; ours</p>');
    expect(htmlToText('<p>a &lt;b&gt;</p><p>c<br />d</p>')).toBe('a <b>\n\nc\nd');
  });
});
