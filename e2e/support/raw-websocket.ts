import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type Socket, connect } from 'node:net';

/** Opcodes of RFC 6455 §5.2 the tests send or read. */
export const OPCODE = { text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One client frame as RFC 6455 §5.2 lays it out, masked as a client must mask it. */
export function clientFrame(opcode: number, payload: Buffer | string, options: { fin?: boolean } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = data.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = ((options.fin ?? true) ? 0x80 : 0) | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = data[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** A JSON message as a masked text frame. */
export const textFrame = (message: object | string) => clientFrame(OPCODE.text, typeof message === 'string' ? message : JSON.stringify(message));

/** The handshake request of RFC 6455 §4.1, written by hand. */
export function handshakeRequest(path: string, host: string, options: { token?: string; key?: string } = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${options.key ?? randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(options.token ? [`Authorization: Bearer ${options.token}`] : []),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/**
 * A WebSocket client on a bare TCP socket: it sends whatever bytes a test builds and
 * records every frame the server sends back, and how the connection ended.
 */
export class RawWebSocket {
  readonly frames: ServerFrame[] = [];
  /** The close frame's code (1005 when it had none), or 1006 when the TCP connection ended without one. */
  closeCode: number | undefined;
  ended = false;
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);

  private constructor(socket: Socket, rest: Buffer) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('close', () => {
      this.ended = true;
      this.closeCode ??= 1006;
    });
    this.#receive(rest);
  }

  /**
   * Connects and performs the handshake; `after` is written in the same TCP write as the
   * request (frames that reach the server before it has authenticated the caller).
   */
  static async open(baseUrl: string, options: { path?: string; token?: string; after?: Buffer } = {}): Promise<RawWebSocket> {
    const url = new URL(baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    // the server may reset the connection once it has closed it: that is not a test failure
    socket.on('error', () => {});
    await once(socket, 'connect');
    const key = randomBytes(16).toString('base64');
    const request = Buffer.from(handshakeRequest(options.path ?? '/api/v1/streaming', url.host, { token: options.token, key }));
    socket.write(options.after ? Buffer.concat([request, options.after]) : request);
    // one listener from the start: bytes that arrive between two awaits are never lost
    const received = await new Promise<Buffer>((resolve, reject) => {
      let bytes = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        bytes = Buffer.concat([bytes, chunk]);
        if (bytes.includes('\r\n\r\n')) {
          socket.off('data', onData).off('close', onClose).pause();
          resolve(bytes);
        }
      };
      const onClose = () => reject(new Error(`the connection closed during the handshake: ${String(bytes)}`));
      socket.on('data', onData).on('close', onClose);
    });
    const end = received.indexOf('\r\n\r\n');
    const head = received.subarray(0, end).toString();
    if (!head.startsWith('HTTP/1.1 101')) {
      socket.destroy();
      throw new Error(`the upgrade was refused: ${head}`);
    }
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    if (!new RegExp(`^sec-websocket-accept: *${accept.replace(/[+/]/g, '\\$&')}\r?$`, 'im').test(head)) throw new Error(`wrong Sec-WebSocket-Accept: ${head}`);
    const client = new RawWebSocket(socket, received.subarray(end + 4));
    socket.resume();
    return client;
  }

  write(bytes: Buffer) {
    this.socket.write(bytes);
  }

  /** The JSON messages of the text frames received so far. */
  get messages(): { stream?: string[]; event?: string; payload?: string; error?: string; status?: number }[] {
    return this.frames.filter((f) => f.opcode === OPCODE.text).map((f) => JSON.parse(f.payload.toString()) as object);
  }

  /** Waits until the connection is over, with the close code the server sent. */
  async closed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error(`the server did not close the connection within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.closeCode!;
  }

  destroy() {
    this.socket.destroy();
  }

  #receive(chunk: Buffer) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const frame = this.#parse();
      if (!frame) return;
      this.frames.push(frame);
      if (frame.opcode === OPCODE.close) {
        this.closeCode ??= frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
        this.socket.end();
      }
    }
  }

  /** One unmasked server frame off the front of the buffer, when all of it has arrived. */
  #parse(): ServerFrame | undefined {
    const b = this.#buffer;
    if (b.length < 2) return undefined;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return undefined;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return undefined;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    if (b.length < offset + length) return undefined;
    this.#buffer = b.subarray(offset + length);
    return { opcode: b[0]! & 0x0f, payload: Buffer.from(b.subarray(offset, offset + length)) };
  }
}

/** Writes raw bytes on a new connection and resets it (TCP RST) at once, or once `resetWhen` is true of what came back. */
export async function resetAfterWriting(port: number, bytes: string, resetWhen?: (received: string) => boolean) {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(bytes);
  if (resetWhen) {
    let received = '';
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk) => (received += String(chunk)) && resetWhen(received) && resolve());
      socket.on('close', () => resolve());
    });
  }
  socket.resetAndDestroy();
}

/** Writes raw bytes on a new connection and returns all the server answered until it closed. */
export async function answerTo(port: number, bytes: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk) => (answer += String(chunk)));
  socket.write(bytes);
  await once(socket, 'close');
  return answer;
}
