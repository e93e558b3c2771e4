import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Strata's whole configuration: one object, read once from the environment and
 * validated. A bad value stops start-up with a message naming the variable.
 */
const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
const urls = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(url).min(1));
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
  /**
   * One engine per port, so an operator grows one engine at a time; STRATA_MODE is the
   * preset each one defaults to (embedded: the first value, distributed: the second).
   */
  STRATA_EVENT_STORE: z.enum(['sqlite', 'eventstoredb']).optional(),
  STRATA_EVENT_LOG: z.enum(['embedded', 'kafka']).optional(),
  STRATA_READ_MODELS: z.enum(['sqlite', 'mongodb']).optional(),
  STRATA_PUBSUB: z.enum(['memory', 'redis']).optional(),
  STRATA_JOB_QUEUE: z.enum(['sqlite', 'rabbitmq']).optional(),
  /** Where the distributed gateway finds the services it fronts: one URL, or several separated by commas. */
  STRATA_API_URL: urls.default(['http://api:3000']),
  STRATA_INBOX_URL: urls.default(['http://inbox:3000']),
  STRATA_STREAMING_URL: urls.default(['http://streaming:3000']),
  /** Names of the job queues in RabbitMQ, so instances can share one broker. */
  STRATA_JOB_QUEUE_PREFIX: z.string().regex(/^[a-z0-9._-]+$/i).default('strata'),
  /** A service says it is not ready (GET /health/ready answers 503) while the projection is this many events behind. */
  STRATA_READY_MAX_LAG_EVENTS: z.coerce.number().int().min(0).default(10_000),
  STRATA_INSTANCE_TITLE: z.string().min(1).default('Strata'),
  STRATA_INSTANCE_DESCRIPTION: z.string().default('A Mastodon-compatible social server.'),
  STRATA_CONTACT_EMAIL: z.string().email().or(z.literal('')).default(''),
  /** Plain-text documents shown at /api/v1/instance/privacy_policy and /terms_of_service; none when empty. */
  STRATA_PRIVACY_POLICY: z.string().default(''),
  STRATA_TERMS_OF_SERVICE: z.string().default(''),
  STRATA_REGISTRATIONS: z.enum(['open', 'approval', 'closed']).default('open'),
  /** When true, new accounts stay unconfirmed until the link in the confirmation e-mail is followed. */
  STRATA_REQUIRE_EMAIL_CONFIRMATION: z.enum(['true', 'false']).default('false'),
  STRATA_MAX_STATUS_CHARS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Poll limits (Mastodon's: 4 options of 50 characters, open 5 minutes to a month). */
  STRATA_POLL_MAX_OPTIONS: z.coerce.number().int().min(2).max(20).default(4),
  STRATA_POLL_MAX_OPTION_CHARS: z.coerce.number().int().min(1).max(1000).default(50),
  /** Shortest poll in seconds (Mastodon: 5 minutes); tests lower it. */
  STRATA_POLL_MIN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** How far ahead a scheduled status must be (Mastodon: 5 minutes); tests lower it. */
  STRATA_SCHEDULE_MIN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
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
  STRATA_TRENDS_SHOW_UNREVIEWED: z.enum(['true', 'false']).default('false'),
  /** Requests to other servers: seconds to connect, to get headers, between body chunks; bytes of a document. */
  STRATA_FEDERATION_FETCH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  STRATA_FEDERATION_MAX_DOCUMENT_BYTES: limit.default(1024 * 1024),
  /** Bytes an inbox POST may carry (Mastodon's peers send activities of a few kilobytes). */
  STRATA_FEDERATION_MAX_INBOX_BYTES: limit.default(1024 * 1024),
  /**
   * Deliveries each process has in flight at once: a delivery mostly waits for the other
   * server, so with a few in flight a slow peer's round trips would cap the whole rate.
   */
  STRATA_FEDERATION_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Limited-federation mode: only servers an admin allowed (/api/v1/admin/domain_allows) federate. */
  STRATA_LIMITED_FEDERATION: z.enum(['true', 'false']).default('false'),
  /** Secure mode (Mastodon's authorized fetch): actors, statuses and collections only to signed requests. */
  STRATA_AUTHORIZED_FETCH: z.enum(['true', 'false']).default('false'),
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
  /** Outgoing mail: an SMTP server, or (when no host is set) every message is written to the log. */
  STRATA_SMTP_HOST: z.string().min(1).optional(),
  STRATA_SMTP_PORT: port.default(587),
  STRATA_SMTP_USER: z.string().min(1).optional(),
  STRATA_SMTP_PASSWORD: z.string().min(1).optional(),
  /** auto: STARTTLS when offered; starttls: required; tls: implicit TLS (port 465); none: plain. */
  STRATA_SMTP_SECURITY: z.enum(['auto', 'starttls', 'tls', 'none']).default('auto'),
  STRATA_SMTP_FROM: z.string().min(3).optional(),
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
    jobQueuePrefix: string;
  };
  /** Each upstream service's replicas, taken in turn by the gateway. */
  upstreams: { api: string[]; inbox: string[]; streaming: string[] };
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
    polls: { maxOptions: number; maxCharactersPerOption: number; minExpiration: number; maxExpiration: number };
    /** Seconds a scheduled status must lie ahead. */
    scheduleMinSeconds: number;
  };
  /** How many requests (points) each throttle allows in its period. */
  rateLimits: RateLimitSettings;
  ops: { readyMaxLagEvents: number };
  federation: {
    /** Fetch from and deliver to private addresses (and plain http); never in production. */
    allowPrivateAddress: boolean;
    fetchTimeoutMs: number;
    maxDocumentBytes: number;
    maxInboxBytes: number;
    /** Deliveries each process has in flight at once. */
    deliveryConcurrency: number;
    /** Only allowed servers federate. */
    limited: boolean;
    /** Actors, statuses and collections only to requests with a valid signature. */
    authorizedFetch: boolean;
  };
  /** Public trends show only items a moderator approved, unless this lets unreviewed ones through too. */
  trends: { showUnreviewed: boolean };
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
  mail: MailSettings;
}

export interface MailSettings {
  /** The sender of every message, e.g. `Strata <notifications@social.example>`. */
  from: string;
  /** null: no server configured, messages go to the log. */
  smtp: { host: string; port: number; security: 'auto' | 'starttls' | 'tls' | 'none'; user?: string; password?: string } | null;
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
  const adapters: StrataConfig['adapters'] = {
    eventStore: e.STRATA_EVENT_STORE ?? (distributed ? 'eventstoredb' : 'sqlite'),
    eventLog: e.STRATA_EVENT_LOG ?? (distributed ? 'kafka' : 'embedded'),
    readModels: e.STRATA_READ_MODELS ?? (distributed ? 'mongodb' : 'sqlite'),
    pubsub: e.STRATA_PUBSUB ?? (distributed ? 'redis' : 'memory'),
    jobQueue: e.STRATA_JOB_QUEUE ?? (distributed ? 'rabbitmq' : 'sqlite'),
  };
  // the embedded log is the tail of the embedded store; Kafka is fed from any store by the relay
  if (adapters.eventLog === 'embedded' && adapters.eventStore !== 'sqlite') {
    throw new ConfigError('invalid configuration:\n  STRATA_EVENT_LOG=embedded tails the SQLite event store; with STRATA_EVENT_STORE=eventstoredb use STRATA_EVENT_LOG=kafka');
  }
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
      jobQueuePrefix: e.STRATA_JOB_QUEUE_PREFIX,
    },
    upstreams: { api: e.STRATA_API_URL, inbox: e.STRATA_INBOX_URL, streaming: e.STRATA_STREAMING_URL },
    adapters,
    instance: {
      title: e.STRATA_INSTANCE_TITLE,
      description: e.STRATA_INSTANCE_DESCRIPTION,
      contactEmail: e.STRATA_CONTACT_EMAIL,
      privacyPolicy: e.STRATA_PRIVACY_POLICY,
      termsOfService: e.STRATA_TERMS_OF_SERVICE,
      registrations: e.STRATA_REGISTRATIONS,
      requireEmailConfirmation: e.STRATA_REQUIRE_EMAIL_CONFIRMATION === 'true',
      maxStatusChars: e.STRATA_MAX_STATUS_CHARS,
      polls: { maxOptions: e.STRATA_POLL_MAX_OPTIONS, maxCharactersPerOption: e.STRATA_POLL_MAX_OPTION_CHARS, minExpiration: e.STRATA_POLL_MIN_SECONDS, maxExpiration: 2_629_746 },
      scheduleMinSeconds: e.STRATA_SCHEDULE_MIN_SECONDS,
    },
    rateLimits: {
      periodSeconds: e.STRATA_RATE_LIMIT_PERIOD_SECONDS,
      perAccount: e.STRATA_RATE_LIMIT_PER_ACCOUNT,
      perAddress: e.STRATA_RATE_LIMIT_PER_ADDRESS,
      signInsPerAddress: e.STRATA_SIGN_IN_LIMIT_PER_ADDRESS,
      signInsPerAccount: e.STRATA_SIGN_IN_LIMIT_PER_ACCOUNT,
      signUpsPerAddress: e.STRATA_SIGN_UP_LIMIT_PER_ADDRESS,
    },
    ops: { readyMaxLagEvents: e.STRATA_READY_MAX_LAG_EVENTS },
    trends: { showUnreviewed: e.STRATA_TRENDS_SHOW_UNREVIEWED === 'true' },
    federation: {
      allowPrivateAddress: e.STRATA_FEDERATION_ALLOW_PRIVATE === 'true',
      fetchTimeoutMs: e.STRATA_FEDERATION_FETCH_TIMEOUT_SECONDS * 1000,
      maxDocumentBytes: e.STRATA_FEDERATION_MAX_DOCUMENT_BYTES,
      maxInboxBytes: e.STRATA_FEDERATION_MAX_INBOX_BYTES,
      deliveryConcurrency: e.STRATA_FEDERATION_DELIVERY_CONCURRENCY,
      limited: e.STRATA_LIMITED_FEDERATION === 'true',
      authorizedFetch: e.STRATA_AUTHORIZED_FETCH === 'true',
    },
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
    mail: {
      from: e.STRATA_SMTP_FROM ?? `${e.STRATA_INSTANCE_TITLE} <notifications@${domain.replace(/:\d+$/, '')}>`,
      smtp: e.STRATA_SMTP_HOST
        ? {
            host: e.STRATA_SMTP_HOST,
            port: e.STRATA_SMTP_PORT,
            security: e.STRATA_SMTP_SECURITY,
            ...(e.STRATA_SMTP_USER && { user: e.STRATA_SMTP_USER, password: e.STRATA_SMTP_PASSWORD ?? '' }),
          }
        : null,
    },
  };
}
