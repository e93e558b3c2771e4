// s3rver ships no types: the little of it the contract test uses
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  export default class S3rver {
    constructor(options: { port?: number; address?: string; silent?: boolean; directory: string; configureBuckets?: { name: string; configs: unknown[] }[] });
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
