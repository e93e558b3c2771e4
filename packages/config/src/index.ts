import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Strata's whole configuration: one object, read once from the environment and
 * validated. A bad value stops start-up with a message naming the variable.
 */
const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
const limit = z.coerce.number().int().min(1).max(1_000_000_000);

export const environmentSchema = z.object({
  STRATA_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
  PORT: port.default(3000),
  STRATA_HOST: z.string().min(1).default('0.0.0.0'),
  STRATA_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name with an optional :port, e.g. social.example')
    .optional(),
  STRATA_PUBLIC_URL: url.optional(),
  STRATA_DATA: z.string().min(1).default('./data'),
  STRATA_MEDIA_DIR: z.string().min(1).optional(),
  STRATA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STRATA_EVENTSTORE_URL: z.string().min(1).default('esdb://localhost:2113?tls=false'),
  STRATA_KAFKA_BROKERS: z.string().min(1).default('localhost:9092'),
  STRATA_KAFKA_TOPIC: z.string().min(1).default('strata.events.v1'),
  STRATA_MONGO_URL: z.string().min(1).default('mongodb://localhost:27017/strata'),
  STRATA_REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  STRATA_RABBITMQ_URL: z.string().min(1).default('amqp://guest:guest@127.0.0.1:5672'),
  /** Lets one port use its distributed engine in embedded mode (e.g. two streaming nodes on Redis). */
  STRATA_PUBSUB: z.enum(['memory', 'redis']).optional(),
  /** Where the distributed gateway finds the services it fronts. */
  STRATA_API_URL: url.default('http://api:3000'),
  STRATA_INBOX_URL: url.default('http://inbox:3000'),
  STRATA_STREAMING_URL: url.default('http://streaming:3000'),
  STRATA_INSTANCE_TITLE: z.string().min(1).default('Strata'),
  STRATA_INSTANCE_DESCRIPTION: z.string().default('A Mastodon-compatible social server.'),
  STRATA_CONTACT_EMAIL: z.string().email().or(z.literal('')).default(''),
  /** Plain-text documents shown at /api/v1/instance/privacy_policy and /terms_of_service; none when empty. */
  STRATA_PRIVACY_POLICY: z.string().default(''),
  STRATA_TERMS_OF_SERVICE: z.string().default(''),
  STRATA_REGISTRATIONS: z.enum(['open', 'approval', 'closed']).default('open'),
  /** No mail is sent yet: when true, new accounts wait for `strata accounts confirm`. */
  STRATA_REQUIRE_EMAIL_CONFIRMATION: z.enum(['true', 'false']).default('false'),
  STRATA_MAX_STATUS_CHARS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Mastodon's API throttles: requests per token/account and per client address in one period. */
  STRATA_RATE_LIMIT_PER_ACCOUNT: limit.default(300),
  STRATA_RATE_LIMIT_PER_ADDRESS: limit.default(7500),
  STRATA_RATE_LIMIT_PERIOD_SECONDS: limit.default(300),
  /** Password guesses (password grant and the sign-in page) per address and per login, in 5 minutes. */
  STRATA_SIGN_IN_LIMIT_PER_ADDRESS: limit.default(25),
  STRATA_SIGN_IN_LIMIT_PER_ACCOUNT: limit.default(25),
  /** Account sign-ups per address in 30 minutes. */
  STRATA_SIGN_UP_LIMIT_PER_ADDRESS: limit.default(5),
  /** For tests on loopback only: lets federation reach private addresses and plain-http peers. */
  STRATA_FEDERATION_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** Where media files live: a local folder (STRATA_MEDIA_DIR) or an S3-compatible bucket. */
  STRATA_MEDIA: z.enum(['local', 's3']).default('local'),
  STRATA_S3_ENDPOINT: url.optional(),
  STRATA_S3_REGION: z.string().min(1).default('us-east-1'),
  STRATA_S3_BUCKET: z.string().min(1).optional(),
  STRATA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  STRATA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Where clients load media from when not through Strata's /system/ route (a CDN, the bucket's website). */
  STRATA_S3_PUBLIC_URL: url.optional(),
  STRATA_MEDIA_IMAGE_SIZE_LIMIT: z.coerce.number().int().min(1).default(16 * 1024 * 1024),
  STRATA_MEDIA_IMAGE_MATRIX_LIMIT: z.coerce.number().int().min(1).default(33_177_600),
  STRATA_MEDIA_VIDEO_SIZE_LIMIT: z.coerce.number().int().min(1).default(99 * 1024 * 1024),
  STRATA_MEDIA_VIDEO_MATRIX_LIMIT: z.coerce.number().int().min(1).default(8_294_400),
  STRATA_MEDIA_VIDEO_FRAME_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  STRATA_MEDIA_DURATION_LIMIT: z.coerce.number().int().min(1).default(3600),
  /** Uploads never attached to a status are removed after this many hours. */
  STRATA_MEDIA_UNATTACHED_HOURS: z.coerce.number().min(0).default(24),
  STRATA_MEDIA_CLEANUP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
});

export interface StrataConfig {
  mode: 'embedded' | 'distributed';
  http: { host: string; port: number };
  /** The local domain: what follows @ in local addresses. */
  domain: string;
  /** Base URL clients and peers use, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  /** Folder of uploaded media (shared by every API process in distributed mode). */
  mediaDir: string;
  logLevel: z.infer<typeof environmentSchema>['STRATA_LOG_LEVEL'];
  engines: {
    eventStoreUrl: string;
    kafkaBrokers: string[];
    kafkaTopic: string;
    mongoUrl: string;
    redisUrl: string;
    rabbitmqUrl: string;
  };
  upstreams: { api: string; inbox: string; streaming: string };
  adapters: {
    eventStore: 'sqlite' | 'eventstoredb';
    eventLog: 'embedded' | 'kafka';
    readModels: 'sqlite' | 'mongodb';
    pubsub: 'memory' | 'redis';
    jobQueue: 'sqlite' | 'rabbitmq';
  };
  instance: {
    title: string;
    description: string;
    contactEmail: string;
    /** Plain text, or empty when the operator has published none. */
    privacyPolicy: string;
    termsOfService: string;
    registrations: 'open' | 'approval' | 'closed';
    requireEmailConfirmation: boolean;
    maxStatusChars: number;
  };
  /** How many requests (points) each throttle allows in its period. */
  rateLimits: RateLimitSettings;
  federation: {
    /** Fetch from and deliver to private addresses (and plain http); never in production. */
    allowPrivateAddress: boolean;
  };
  media: {
    storage: 'local' | 's3';
    s3: { endpoint?: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; publicUrl?: string } | null;
    limits: {
      imageSizeLimit: number;
      /** Pixels an uploaded image may have (decompression bombs stop here). */
      imageMatrixLimit: number;
      /** Pixels of a stored original: larger images are scaled down to this (~8.3 megapixels). */
      imageStoredMatrix: number;
      videoSizeLimit: number;
      videoMatrixLimit: number;
      videoFrameRateLimit: number;
      /** Seconds a video or audio may last. */
      videoDurationLimit: number;
      descriptionLimit: number;
    };
    unattachedTtlMs: number;
    cleanupIntervalMs: number;
  };
}

export interface RateLimitSettings {
  periodSeconds: number;
  perAccount: number;
  perAddress: number;
  signInsPerAddress: number;
  signInsPerAccount: number;
  signUpsPerAddress: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): StrataConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.STRATA_MEDIA === 's3' && !(e.STRATA_S3_BUCKET && e.STRATA_S3_ACCESS_KEY_ID && e.STRATA_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('invalid configuration:\n  STRATA_MEDIA=s3 needs STRATA_S3_BUCKET, STRATA_S3_ACCESS_KEY_ID and STRATA_S3_SECRET_ACCESS_KEY');
  }
  const domain = (e.STRATA_DOMAIN ?? `localhost:${e.PORT}`).toLowerCase();
  const isLocal = /^(localhost|127\.|\[::1\])/.test(domain);
  const distributed = e.STRATA_MODE === 'distributed';
  return {
    mode: e.STRATA_MODE,
    http: { host: e.STRATA_HOST, port: e.PORT },
    domain,
    publicUrl: (e.STRATA_PUBLIC_URL ?? `${isLocal ? 'http' : 'https'}://${domain}`).replace(/\/+$/, ''),
    dataDir: resolve(e.STRATA_DATA),
    mediaDir: resolve(e.STRATA_MEDIA_DIR ?? `${e.STRATA_DATA}/media`),
    logLevel: e.STRATA_LOG_LEVEL,
    engines: {
      eventStoreUrl: e.STRATA_EVENTSTORE_URL,
      kafkaBrokers: e.STRATA_KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
      kafkaTopic: e.STRATA_KAFKA_TOPIC,
      mongoUrl: e.STRATA_MONGO_URL,
      redisUrl: e.STRATA_REDIS_URL,
      rabbitmqUrl: e.STRATA_RABBITMQ_URL,
    },
    upstreams: { api: e.STRATA_API_URL, inbox: e.STRATA_INBOX_URL, streaming: e.STRATA_STREAMING_URL },
    adapters: {
      eventStore: distributed ? 'eventstoredb' : 'sqlite',
      eventLog: distributed ? 'kafka' : 'embedded',
      readModels: distributed ? 'mongodb' : 'sqlite',
      pubsub: e.STRATA_PUBSUB ?? (distributed ? 'redis' : 'memory'),
      jobQueue: distributed ? 'rabbitmq' : 'sqlite',
    },
    instance: {
      title: e.STRATA_INSTANCE_TITLE,
      description: e.STRATA_INSTANCE_DESCRIPTION,
      contactEmail: e.STRATA_CONTACT_EMAIL,
      privacyPolicy: e.STRATA_PRIVACY_POLICY,
      termsOfService: e.STRATA_TERMS_OF_SERVICE,
      registrations: e.STRATA_REGISTRATIONS,
      requireEmailConfirmation: e.STRATA_REQUIRE_EMAIL_CONFIRMATION === 'true',
      maxStatusChars: e.STRATA_MAX_STATUS_CHARS,
    },
    rateLimits: {
      periodSeconds: e.STRATA_RATE_LIMIT_PERIOD_SECONDS,
      perAccount: e.STRATA_RATE_LIMIT_PER_ACCOUNT,
      perAddress: e.STRATA_RATE_LIMIT_PER_ADDRESS,
      signInsPerAddress: e.STRATA_SIGN_IN_LIMIT_PER_ADDRESS,
      signInsPerAccount: e.STRATA_SIGN_IN_LIMIT_PER_ACCOUNT,
      signUpsPerAddress: e.STRATA_SIGN_UP_LIMIT_PER_ADDRESS,
    },
    federation: { allowPrivateAddress: e.STRATA_FEDERATION_ALLOW_PRIVATE === 'true' },
    media: {
      storage: e.STRATA_MEDIA,
      s3:
        e.STRATA_MEDIA === 's3'
          ? {
              ...(e.STRATA_S3_ENDPOINT && { endpoint: e.STRATA_S3_ENDPOINT }),
              region: e.STRATA_S3_REGION,
              bucket: e.STRATA_S3_BUCKET!,
              accessKeyId: e.STRATA_S3_ACCESS_KEY_ID!,
              secretAccessKey: e.STRATA_S3_SECRET_ACCESS_KEY!,
              ...(e.STRATA_S3_PUBLIC_URL && { publicUrl: e.STRATA_S3_PUBLIC_URL }),
            }
          : null,
      limits: {
        imageSizeLimit: e.STRATA_MEDIA_IMAGE_SIZE_LIMIT,
        imageMatrixLimit: e.STRATA_MEDIA_IMAGE_MATRIX_LIMIT,
        imageStoredMatrix: 8_294_400,
        videoSizeLimit: e.STRATA_MEDIA_VIDEO_SIZE_LIMIT,
        videoMatrixLimit: e.STRATA_MEDIA_VIDEO_MATRIX_LIMIT,
        videoFrameRateLimit: e.STRATA_MEDIA_VIDEO_FRAME_RATE_LIMIT,
        videoDurationLimit: e.STRATA_MEDIA_DURATION_LIMIT,
        descriptionLimit: 1500,
      },
      unattachedTtlMs: e.STRATA_MEDIA_UNATTACHED_HOURS * 3_600_000,
      cleanupIntervalMs: e.STRATA_MEDIA_CLEANUP_INTERVAL_SECONDS * 1000,
    },
  };
}
