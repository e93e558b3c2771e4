import { describe, expect, it } from 'vitest';
import { foldEvents } from '@strata/kernel';
import { type MediaCommand, mediaDecider } from './media.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const file = { key: 'media_attachments/1/9/original/a.mp4', contentType: 'video/mp4', size: 10 };
const upload: MediaCommand = { type: 'UploadMedia', mediaId: '9', accountId: '1', mediaType: 'video', upload: file, description: null, focus: null, thumbnail: null, processed: null, at };
// the events so far of the one stream under test
const history: ReturnType<typeof mediaDecider.decide> = [];
const complete: MediaCommand = { type: 'CompleteProcessing', mediaId: '9', mediaType: 'video', file, preview: null, meta: {}, blurhash: null, at };

describe('mediaDecider', () => {
  it('is processed once: a second completion or a late failure changes nothing', () => {
    history.length = 0;
    const uploaded = mediaDecider.decide(upload, mediaDecider.initialState());
    history.push(...uploaded);
    const pending = foldEvents(mediaDecider, history);
    expect(mediaDecider.decide(complete, pending).map((e) => e.type)).toEqual(['MediaProcessed']);
    history.push(...mediaDecider.decide(complete, pending));
    const done = foldEvents(mediaDecider, history);
    expect(mediaDecider.decide(complete, done)).toEqual([]);
    expect(mediaDecider.decide({ type: 'FailProcessing', mediaId: '9', reason: 'x', at }, done)).toEqual([]);
  });

  it('attaches only processed media of its owner, to one status, and refuses deleting it then', () => {
    history.length = 0;
    history.push(...mediaDecider.decide(upload, mediaDecider.initialState()));
    const pending = foldEvents(mediaDecider, history);
    const attach = { type: 'AttachMedia' as const, mediaId: '9', accountId: '1', statusId: '50', at };
    expect(() => mediaDecider.decide(attach, pending)).toThrow('not finished processing');
    history.push(...mediaDecider.decide(complete, pending));
    const done = foldEvents(mediaDecider, history);
    expect(() => mediaDecider.decide({ ...attach, accountId: '2' }, done)).toThrow();
    history.push(...mediaDecider.decide(attach, done));
    const attached = foldEvents(mediaDecider, history);
    expect(mediaDecider.decide(attach, attached)).toEqual([]);
    expect(() => mediaDecider.decide({ ...attach, statusId: '51' }, attached)).toThrow('already attached');
    expect(() => mediaDecider.decide({ type: 'DeleteMedia', mediaId: '9', accountId: '1', at }, attached)).toThrow('used by a status');
    expect(mediaDecider.decide({ type: 'DeleteMedia', mediaId: '9', accountId: null, at }, attached).map((e) => e.type)).toEqual(['MediaDeleted']);
    // a redraft frees it: detached from its status only, then attachable again
    expect(mediaDecider.decide({ type: 'DetachMedia', mediaId: '9', statusId: '51', at }, attached)).toEqual([]);
    history.push(...mediaDecider.decide({ type: 'DetachMedia', mediaId: '9', statusId: '50', at }, attached));
    const detached = foldEvents(mediaDecider, history);
    expect(mediaDecider.decide({ ...attach, statusId: '52' }, detached).map((e) => e.type)).toEqual(['MediaAttached']);
  });

  it("records a remote attachment once, ready to attach to its author's status and never processed", () => {
    const remote: MediaCommand = {
      type: 'RecordRemoteMedia', mediaId: '7', accountId: '3', mediaType: 'image', remoteUrl: 'https://peer.example/a.png', previewRemoteUrl: null,
      description: null, focus: null, meta: {}, blurhash: null, at,
    };
    const recorded = mediaDecider.decide(remote, mediaDecider.initialState());
    expect(recorded.map((e) => e.type)).toEqual(['RemoteMediaRecorded']);
    const ready = foldEvents(mediaDecider, recorded);
    expect(mediaDecider.decide(remote, ready)).toEqual([]);
    expect(mediaDecider.decide({ ...complete, mediaId: '7' }, ready)).toEqual([]);
    expect(() => mediaDecider.decide({ type: 'AttachMedia', mediaId: '7', accountId: '1', statusId: '60', at }, ready)).toThrow();
    expect(mediaDecider.decide({ type: 'AttachMedia', mediaId: '7', accountId: '3', statusId: '60', at }, ready).map((e) => e.type)).toEqual(['MediaAttached']);
  });

  it('caches a remote attachment once, never an upload, never after deletion', () => {
    const remote: MediaCommand = {
      type: 'RecordRemoteMedia', mediaId: '8', accountId: '3', mediaType: 'image', remoteUrl: 'https://peer.example/b.png', previewRemoteUrl: null,
      description: null, focus: null, meta: {}, blurhash: null, at,
    };
    const cache: MediaCommand = { type: 'CacheRemoteMedia', mediaId: '8', mediaType: 'image', file: { ...file, contentType: 'image/png' }, preview: null, meta: {}, blurhash: null, at };
    const recorded = mediaDecider.decide(remote, mediaDecider.initialState());
    const cached = mediaDecider.decide(cache, foldEvents(mediaDecider, recorded));
    expect(cached.map((e) => e.type)).toEqual(['RemoteMediaCached']);
    expect(cached[0]!.data).toMatchObject({ accountId: '3' });
    expect(mediaDecider.decide(cache, foldEvents(mediaDecider, [...recorded, ...cached]))).toEqual([]);
    const deleted = mediaDecider.decide({ type: 'DeleteMedia', mediaId: '8', accountId: null, at }, foldEvents(mediaDecider, recorded));
    expect(mediaDecider.decide(cache, foldEvents(mediaDecider, [...recorded, ...deleted]))).toEqual([]);
    expect(mediaDecider.decide({ ...cache, mediaId: '9' }, foldEvents(mediaDecider, mediaDecider.decide(upload, mediaDecider.initialState())))).toEqual([]);
  });
});
