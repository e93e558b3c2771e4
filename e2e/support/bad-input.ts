/**
 * Hostile requests for any route: path parameters, query strings and bodies of every
 * shape a careless or malicious client sends. Field names are Mastodon's, so the values
 * reach the routes' validation instead of being ignored as unknown keys.
 */
export interface BadRequest {
  label: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const FIELDS = [
  'id', 'status', 'media_ids', 'poll', 'in_reply_to_id', 'visibility', 'spoiler_text', 'sensitive', 'language', 'scheduled_at',
  'display_name', 'note', 'fields_attributes', 'locked', 'bot', 'discoverable', 'source', 'title', 'replies_policy', 'exclusive',
  'account_ids', 'q', 'type', 'resolve', 'limit', 'offset', 'username', 'email', 'password', 'agreement', 'locale', 'reason',
  'client_name', 'redirect_uris', 'scopes', 'website', 'grant_type', 'client_id', 'client_secret', 'code', 'token', 'redirect_uri',
  'scope', 'notify', 'reblogs', 'languages', 'comment', 'duration', 'home', 'notifications', 'timeline', 'types', 'exclude_types',
  'login', 'return_to', 'response_type', 'decision', 'authenticity_token', 'max_id', 'since_id', 'min_id', 'acct',
];

/** Ids no route should choke on: too big, negative, not numbers, huge, broken or tricky UTF-8. */
export const ABSURD_IDS = [
  '99999999999999999999999999999', '-1', 'abc', '1.5', '1e9', 'x'.repeat(10_000), '%00', '%ED%A0%80', '%E2%80%AE', '%25', '..', 'null',
];

const every = (value: unknown) => Object.fromEntries(FIELDS.map((field) => [field, value]));
const json = (label: string, value: unknown): Omit<BadRequest, 'path'> => ({ label, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
const raw = (label: string, contentType: string, body: string | Uint8Array): Omit<BadRequest, 'path'> => ({ label, headers: { 'content-type': contentType }, body });

/** Nesting deeper than any JSON library recurses, written out as text (stringifying it would overflow here too). */
const nested = (depth: number) => `${'{"a":['.repeat(depth)}"deep"${']}'.repeat(depth)}`;

function multipart(boundary: string, parts: { name: string; value: string; filename?: string }[]): string {
  const body = parts.map((part) => {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.filename ? 'Content-Type: image/png\r\n' : ''}\r\n${part.value}\r\n`;
  });
  return `${body.join('')}--${boundary}--\r\n`;
}

const UNICODE = 'a\u0000b\ud800c\udfff\u202ed\ufeff\u200b' + '\u{1F600}'.repeat(3);

const BODIES: Omit<BadRequest, 'path'>[] = [
  json('empty object', {}),
  json('objects everywhere', every({ $gt: '', nested: { a: 1 } })),
  json('arrays everywhere', every([1, [2], { a: null }])),
  json('numbers and booleans', every(1e308)),
  json('nulls', every(null)),
  json('booleans', every(true)),
  json('oversized strings', every('x'.repeat(14_000))),
  json('unicode edge cases', every(UNICODE)),
  json('prototype keys', JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}, "status": "hi"}')),
  raw('deep nesting', 'application/json', `{"status": ${nested(20_000)}, "poll": ${nested(20_000)}, "display_name": ${nested(20_000)}}`),
  json('not an object', ['status', 'x']),
  json('a bare string', 'just a string'),
  raw('malformed JSON', 'application/json', '{"status": "x",'),
  raw('JSON too large', 'application/json', JSON.stringify({ status: 'x'.repeat(1_100_000) })),
  raw('form with deep brackets', 'application/x-www-form-urlencoded', `status${'[a]'.repeat(50)}=1&limit=-1&media_ids[99999999]=1&__proto__[admin]=1&fields_attributes[0][name]=a%00b%ED%A0%80c%E2%80%AEd`),
  raw('form with repeated scalars', 'application/x-www-form-urlencoded', 'status=a&status=b&display_name=a&display_name=b&locked=maybe&limit=1e9'),
  raw('multipart without boundary', 'multipart/form-data', 'whatever'),
  raw('multipart with the wrong boundary', 'multipart/form-data; boundary=expected', multipart('other', [{ name: 'status', value: 'x' }])),
  raw('truncated multipart', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="status"\r\n\r\nhalf'),
  raw('multipart with sparse indexes', 'multipart/form-data; boundary=b', multipart('b', [{ name: 'fields_attributes[999999999][name]', value: 'x' }, { name: 'media_ids[]', value: UNICODE }])),
  raw('multipart with a file in a field', 'multipart/form-data; boundary=b', multipart('b', [{ name: 'status', value: 'not really a png', filename: 'x.png' }, { name: 'avatar', value: 'nope', filename: 'a.png' }])),
  raw('a content type nobody parses', 'text/plain; charset=utf-8', 'status=x'),
  raw('JSON in an unknown charset', 'application/json; charset=klingon', '{}'),
];

const QUERIES = [
  'limit=-1&max_id=abc&since_id=-1&min_id=99999999999999999999999',
  'limit=1e9&offset=-5&q=%00%ED%A0%80&type=%E2%80%AE&resolve=maybe',
  `limit[]=1&max_id[$gt]=1&q[]=a&id[]=${'9'.repeat(40)}&types[]=${'x'.repeat(3000)}&local=${'y'.repeat(3000)}`,
];

/** The requests to send to one route (path parameters and splats filled in). */
export function badRequestsFor(method: string, pattern: string): BadRequest[] {
  // a huge value goes in one parameter only: twice over, the request line passes Node's 16 KB header limit (431 before any route)
  const fill = (value: string) => {
    let filled = 0;
    return pattern.replace(/[:*][A-Za-z_]+/g, () => (value.length > 1000 && filled++ > 0 ? '1' : value));
  };
  const hasParams = /[:*]/.test(pattern);
  const requests: BadRequest[] = [];
  if (hasParams) for (const id of ABSURD_IDS) requests.push({ label: `path ${id.slice(0, 20)}`, path: fill(id) });
  const path = fill('1');
  for (const query of QUERIES) requests.push({ label: `query ${query.slice(0, 30)}`, path, query });
  if (method !== 'GET' && method !== 'HEAD') for (const body of BODIES) requests.push({ ...body, path });
  return requests;
}
