import WebSocket from 'ws';

export interface StreamedMessage {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

/** A raw WebSocket client of the streaming API that keeps every message for the test to wait on. */
export class RawStreamClient {
  readonly messages: StreamedMessage[] = [];
  readonly socket: WebSocket;
  closed: { code: number; reason: string } | undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.messages.push(JSON.parse(String(data)) as StreamedMessage));
    socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  static async connect(url: string, options: { token?: string; protocol?: string } = {}): Promise<RawStreamClient> {
    const socket = new WebSocket(url, options.protocol ? [options.protocol] : [], {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawStreamClient(socket);
  }

  send(message: object | string) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Waits for a message matching `test`, failing after `timeoutMs`. */
  async next(test: (message: StreamedMessage) => boolean, timeoutMs = 3000): Promise<StreamedMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Resolves once the server has handled every message sent before this (and the stream
   * named on connect): it handles one client's subscription changes in order, so its
   * refusal of an unknown stream comes after all of them. No fixed sleep needed.
   */
  async settled(timeoutMs = 3000): Promise<void> {
    const refusals = () => this.messages.filter((m) => m.error === 'Unknown stream type').length;
    const before = refusals();
    this.send({ type: 'subscribe', stream: 'settled?' });
    const deadline = Date.now() + timeoutMs;
    while (refusals() === before) {
      if (Date.now() > deadline) throw new Error(`the server did not handle earlier messages within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The events received so far (without the errors answering the client's own messages). */
  get events(): StreamedMessage[] {
    return this.messages.filter((m) => m.event !== undefined);
  }

  close() {
    this.socket.close();
  }
}

/** Tries an upgrade that should be refused; returns the HTTP status and X-Error-Message. */
export function refusedUpgrade(url: string): Promise<{ status: number; message: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, message: res.headers['x-error-message'] as string | undefined });
      socket.terminate();
    });
    socket.on('open', () => reject(new Error('the upgrade was accepted')));
    socket.on('error', () => {});
  });
}
