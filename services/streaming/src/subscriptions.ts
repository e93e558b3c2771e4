import type { Logger } from '@strata/logging';
import type { PresenterDeps } from '@strata/presenters';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import type { StreamMessage } from '@strata/views';
import { type Outgoing, StreamRenderer } from './render.ts';
import { type ResolvedStream, StreamError, type StreamRequest, type Viewer, resolveStream } from './streams.ts';

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
  /**
   * Subscribe, unsubscribe and close of one client run one after another, in the order
   * they came: the duplicate check and the cap then see every earlier change complete,
   * whatever a burst of messages looks like and however long a lookup takes.
   */
  #changes: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #logger: Logger;

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
    this.#logger = options.logger;
    this.#renderer = new StreamRenderer(options.deps, options.viewer.accountId, options.logger, options.freshReadModels ?? options.deps.readModels);
  }

  get size(): number {
    return this.#active.size;
  }

  /**
   * Resolves the stream (refusing what Mastodon refuses) and starts following it. A stream
   * already followed is left as it is, as Mastodon does: one registration, each event once.
   */
  subscribe(request: StreamRequest): Promise<ResolvedStream> {
    return this.#serially(async () => {
      if (this.#closed) throw new StreamError(400, 'The connection is closed');
      const stream = await resolveStream(await this.#deps.readModels(), this.#viewer, request);
      const key = keyOf(stream);
      if (this.#active.has(key)) return stream;
      if (this.#active.size >= MAX_SUBSCRIPTIONS) throw new StreamError(400, 'Too many subscriptions');
      this.#active.set(key, await this.#pubsub.subscribe(stream.channel, (raw) => this.#announced(stream, raw)));
      return stream;
    });
  }

  unsubscribe(request: StreamRequest): Promise<void> {
    return this.#serially(async () => {
      const stream = await resolveStream(await this.#deps.readModels(), this.#viewer, request).catch(() => null);
      if (!stream) return;
      const key = keyOf(stream);
      const unsubscribe = this.#active.get(key);
      this.#active.delete(key);
      await unsubscribe?.();
    });
  }

  /** Ends every subscription, after any change still under way; later changes are refused. Never rejects. */
  close(): Promise<void> {
    this.#closed = true;
    return this.#serially(async () => {
      const all = [...this.#active.values()];
      this.#active.clear();
      for (const ended of await Promise.allSettled(all.map((unsubscribe) => unsubscribe()))) {
        if (ended.status === 'rejected') this.#logger.warn({ err: ended.reason }, 'could not end a subscription');
      }
    });
  }

  #serially<T>(change: () => Promise<T>): Promise<T> {
    const done = this.#changes.then(change);
    this.#changes = done.catch(() => {});
    return done;
  }

  #announced(stream: ResolvedStream, raw: string) {
    if (++this.#pending > MAX_PENDING) return this.#onOverflow();
    this.#queue = this.#queue.then(async () => {
      this.#pending--;
      try {
        const outgoing = await this.#renderer.render(stream, parsed(raw));
        if (outgoing) this.#send(stream.label, outgoing);
      } catch (error) {
        // one bad announcement must not stop the ones after it (nor the process)
        this.#logger.warn({ err: error, channel: stream.channel }, 'could not stream an announcement');
      }
    });
  }
}

const keyOf = (stream: ResolvedStream) => stream.label.join('\u0000');

/** The announcement last parsed: every connection on a channel is handed the same one, parsed once for all (read-only). */
let last: { raw: string; message: StreamMessage } | undefined;

function parsed(raw: string): StreamMessage {
  if (last?.raw !== raw) last = { raw, message: JSON.parse(raw) as StreamMessage };
  return last.message;
}
