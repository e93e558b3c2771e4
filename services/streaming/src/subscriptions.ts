import type { Logger } from '@strata/logging';
import type { PresenterDeps } from '@strata/presenters';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import type { StreamMessage } from '@strata/views';
import { type Outgoing, StreamRenderer } from './render.ts';
import { type ResolvedStream, type StreamRequest, type Viewer, resolveStream } from './streams.ts';

export const MAX_SUBSCRIPTIONS = 50;
/** Announcements waiting to be rendered for one client; past this the client is let go. */
export const MAX_PENDING = 1000;

/**
 * The streams one client follows, on one pub/sub connection shared by the process.
 * Each announcement is rendered for this client and handed to `send` in arrival order.
 */
export class ClientSubscriptions {
  readonly #pubsub: PubSub;
  readonly #renderer: StreamRenderer;
  readonly #deps: PresenterDeps;
  readonly #viewer: Viewer;
  readonly #send: (stream: string[], outgoing: Outgoing) => void;
  readonly #onOverflow: () => void;
  #pending = 0;
  readonly #active = new Map<string, () => Promise<void>>();
  /** Rendering is asynchronous; a chain keeps the order announcements arrived in. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: {
    pubsub: PubSub;
    deps: PresenterDeps;
    viewer: Viewer;
    logger: Logger;
    send: (stream: string[], outgoing: Outgoing) => void;
    /** Called when announcements pile up faster than they can be rendered for this client. */
    onOverflow: () => void;
    /** Read models without any shared cache, for what must be read as it is now. */
    freshReadModels?: () => Promise<ReadModelStore>;
  }) {
    this.#onOverflow = options.onOverflow;
    this.#pubsub = options.pubsub;
    this.#deps = options.deps;
    this.#viewer = options.viewer;
    this.#send = options.send;
    this.#renderer = new StreamRenderer(options.deps, options.viewer.accountId, options.logger, options.freshReadModels ?? options.deps.readModels);
  }

  get size(): number {
    return this.#active.size;
  }

  /** Resolves the stream (refusing what Mastodon refuses) and starts following it. */
  async subscribe(request: StreamRequest): Promise<ResolvedStream> {
    const stream = await resolveStream(await this.#deps.readModels(), this.#viewer, request);
    const key = stream.label.join('\u0000');
    if (this.#active.has(key)) return stream;
    if (this.#active.size >= MAX_SUBSCRIPTIONS) throw new Error('too many subscriptions');
    const unsubscribe = await this.#pubsub.subscribe(stream.channel, (raw) => {
      if (++this.#pending > MAX_PENDING) return this.#onOverflow();
      this.#queue = this.#queue.then(async () => {
        this.#pending--;
        const outgoing = await this.#renderer.render(stream, JSON.parse(raw) as StreamMessage);
        if (outgoing) this.#send(stream.label, outgoing);
      });
    });
    this.#active.set(key, unsubscribe);
    return stream;
  }

  async unsubscribe(request: StreamRequest): Promise<void> {
    const stream = await resolveStream(await this.#deps.readModels(), this.#viewer, request).catch(() => null);
    if (!stream) return;
    const key = stream.label.join('\u0000');
    await this.#active.get(key)?.();
    this.#active.delete(key);
  }

  async close(): Promise<void> {
    const all = [...this.#active.values()];
    this.#active.clear();
    await Promise.all(all.map((unsubscribe) => unsubscribe()));
  }
}
