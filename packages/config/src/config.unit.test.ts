import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('defaults to one embedded process on port 3000', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.http.port).toBe(3000);
    expect(config.domain).toBe('localhost:3000');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.adapters).toEqual({
      eventStore: 'sqlite',
      eventLog: 'embedded',
      readModels: 'sqlite',
      pubsub: 'memory',
      jobQueue: 'sqlite',
    });
  });

  it('lets each port choose its engine, with STRATA_MODE as the preset', () => {
    expect(loadConfig({ STRATA_JOB_QUEUE: 'rabbitmq', STRATA_PUBSUB: 'redis' }).adapters).toEqual({
      eventStore: 'sqlite',
      eventLog: 'embedded',
      readModels: 'sqlite',
      pubsub: 'redis',
      jobQueue: 'rabbitmq',
    });
    expect(loadConfig({ STRATA_MODE: 'distributed', STRATA_READ_MODELS: 'sqlite' }).adapters).toEqual({
      eventStore: 'eventstoredb',
      eventLog: 'kafka',
      readModels: 'sqlite',
      pubsub: 'redis',
      jobQueue: 'rabbitmq',
    });
    expect(() => loadConfig({ STRATA_EVENT_STORE: 'eventstoredb' })).toThrow(/STRATA_EVENT_LOG=kafka/);
    expect(() => loadConfig({ STRATA_JOB_QUEUE: 'sqs' })).toThrow(ConfigError);
  });

  it("throttles like Mastodon by default and lets the operator change it", () => {
    expect(loadConfig({}).rateLimits).toEqual({
      periodSeconds: 300,
      perAccount: 300,
      perAddress: 7500,
      signInsPerAddress: 25,
      signInsPerAccount: 25,
      signUpsPerAddress: 5,
    });
    expect(loadConfig({ STRATA_RATE_LIMIT_PER_ACCOUNT: '1000' }).rateLimits.perAccount).toBe(1000);
  });

  it('derives the domain from PORT and https for a public domain', () => {
    expect(loadConfig({ PORT: '4000' }).domain).toBe('localhost:4000');
    const config = loadConfig({ STRATA_DOMAIN: 'Social.Example' });
    expect(config.domain).toBe('social.example');
    expect(config.publicUrl).toBe('https://social.example');
  });

  it('refuses private federation peers unless told (tests only)', () => {
    expect(loadConfig({}).federation.allowPrivateAddress).toBe(false);
    expect(loadConfig({ STRATA_FEDERATION_ALLOW_PRIVATE: 'true' }).federation.allowPrivateAddress).toBe(true);
    expect(() => loadConfig({ STRATA_FEDERATION_ALLOW_PRIVATE: 'yes' })).toThrow('STRATA_FEDERATION_ALLOW_PRIVATE');
  });

  it('picks the real engines in distributed mode', () => {
    const config = loadConfig({ STRATA_MODE: 'distributed', STRATA_KAFKA_BROKERS: 'k1:9092, k2:9092' });
    expect(config.adapters.eventStore).toBe('eventstoredb');
    expect(config.adapters.readModels).toBe('mongodb');
    expect(config.engines.kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['STRATA_MODE', 'cluster'],
    ['STRATA_DOMAIN', 'not a domain'],
    ['STRATA_REGISTRATIONS', 'sometimes'],
    ['STRATA_RATE_LIMIT_PER_ACCOUNT', '0'],
    ['STRATA_SIGN_IN_LIMIT_PER_ADDRESS', 'lots'],
  ])('names the variable when %s is bad', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads media storage and limits, and wants the S3 credentials for s3', () => {
    const local = loadConfig({ STRATA_MEDIA_VIDEO_SIZE_LIMIT: '1000', STRATA_MEDIA_DURATION_LIMIT: '30' });
    expect(local.media).toMatchObject({ storage: 'local', s3: null, limits: { videoSizeLimit: 1000, videoDurationLimit: 30, imageSizeLimit: 16 * 1024 * 1024 } });
    expect(() => loadConfig({ STRATA_MEDIA: 's3' })).toThrow('STRATA_S3_BUCKET');
    const s3 = loadConfig({ STRATA_MEDIA: 's3', STRATA_S3_BUCKET: 'media', STRATA_S3_ACCESS_KEY_ID: 'id', STRATA_S3_SECRET_ACCESS_KEY: 'secret', STRATA_S3_ENDPOINT: 'http://minio:9000' });
    expect(s3.media.s3).toEqual({ endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'media', accessKeyId: 'id', secretAccessKey: 'secret' });
    expect(() => loadConfig({ STRATA_MEDIA: 'ftp' })).toThrow('STRATA_MEDIA');
  });
});
