import { open } from 'node:fs/promises';

/** What the bytes of an upload say it is; the name and type the client sent are not trusted. */
export type Sniffed =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'webp' | 'avif' | 'heic' }
  | { kind: 'gif' }
  | { kind: 'video'; container: 'mp4' | 'webm' }
  | { kind: 'audio'; container: 'mp3' | 'ogg' | 'wav' | 'flac' | 'm4a' };

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

export function sniffBytes(head: Buffer): Sniffed | null {
  if (head.length < 12) return null;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: 'image', format: 'jpeg' };
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { kind: 'image', format: 'png' };
  if (ascii(head, 0, 4) === 'GIF8') return { kind: 'gif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return { kind: 'audio', container: 'wav' };
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand === 'avif' || brand === 'avis') return { kind: 'image', format: 'avif' };
    if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return { kind: 'image', format: 'heic' };
    if (brand.startsWith('M4A')) return { kind: 'audio', container: 'm4a' };
    return { kind: 'video', container: 'mp4' };
  }
  if (head.readUInt32BE(0) === 0x1a45dfa3) return { kind: 'video', container: 'webm' };
  if (ascii(head, 0, 4) === 'OggS') return { kind: 'audio', container: 'ogg' };
  if (ascii(head, 0, 4) === 'fLaC') return { kind: 'audio', container: 'flac' };
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)) return { kind: 'audio', container: 'mp3' };
  return null;
}

export async function sniffFile(path: string): Promise<Sniffed | null> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await file.read(head, 0, 64, 0);
    return sniffBytes(head.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}
