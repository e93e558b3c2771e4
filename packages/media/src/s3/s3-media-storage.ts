import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import { type ByteRange, type MediaStorage, type StoredObject, checkKey, checkTyped } from '../port.ts';

export interface S3MediaStorageOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where clients load media from; Strata's own `/system/` route by default, a CDN or the bucket otherwise. */
  publicBaseUrl: string;
  /** Path-style addressing (`endpoint/bucket/key`), which self-hosted S3 servers need. */
  forcePathStyle?: boolean;
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/** Media in an S3-compatible bucket (AWS, MinIO, Garage, R2...): what a multi-machine instance uses. */
export class S3MediaStorage implements MediaStorage {
  /** The AWS SDK is imported when a bucket is first used: a start without S3 never loads it. */
  #s3: Promise<{ sdk: typeof S3; client: S3.S3Client }> | undefined;
  readonly #config: S3.S3ClientConfig;
  readonly #bucket: string;
  readonly #publicBaseUrl: string;
  readonly #system: boolean;

  constructor(options: S3MediaStorageOptions, servedBySystemRoute = true) {
    const config: S3.S3ClientConfig = {
      region: options.region,
      ...(options.endpoint && { endpoint: options.endpoint }),
      forcePathStyle: options.forcePathStyle ?? true,
      // checksums only where S3 demands them: many S3-compatible servers store aws-chunked trailers as data
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    };
    this.#config = config;
    this.#bucket = options.bucket;
    this.#publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    this.#system = servedBySystemRoute;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const { sdk, client } = await this.#sdk();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.#bucket, Key: checkTyped(key, contentType), Body: data, ContentType: contentType }));
  }

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    const { size } = await stat(path);
    const { sdk, client } = await this.#sdk();
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.#bucket, Key: checkTyped(key, contentType), Body: createReadStream(path), ContentLength: size, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | null> {
    const object = await this.#get(key);
    if (!object) return null;
    return { data: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType ?? 'application/octet-stream' };
  }

  async stat(key: string): Promise<StoredObject | null> {
    if (!valid(key)) return null;
    const { sdk, client } = await this.#sdk();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable | null> {
    const object = await this.#get(key, range);
    return (object?.Body as Readable | undefined) ?? null;
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.#sdk();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.#bucket, Key: checkKey(key) }));
  }

  async deletePrefix(prefix: string): Promise<number> {
    let count = 0;
    for await (const { key } of this.list(prefix)) {
      await this.delete(key);
      count++;
    }
    return count;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    const folder = `${checkKey(prefix.replace(/\/+$/, ''))}/`;
    let token: string | undefined;
    const { sdk, client } = await this.#sdk();
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.#bucket, Prefix: folder, ContinuationToken: token }));
      for (const item of page.Contents ?? []) if (item.Key) yield { key: item.Key, size: item.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  url(key: string): string {
    return `${this.#publicBaseUrl}${this.#system ? '/system' : ''}/${checkKey(key)}`;
  }

  async #get(key: string, range?: ByteRange) {
    if (!valid(key)) return null;
    const { sdk, client } = await this.#sdk();
    try {
      return await client.send(
        new sdk.GetObjectCommand({ Bucket: this.#bucket, Key: key, ...(range && { Range: `bytes=${range.start}-${range.end}` }) }),
      );
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  #sdk() {
    return (this.#s3 ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client(this.#config) })));
  }

  close() {
    void this.#s3?.then(({ client }) => client.destroy(), () => {});
  }
}

function valid(key: string) {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
}
