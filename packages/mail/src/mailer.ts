import nodemailer from 'nodemailer';
import type { MailSettings } from '@strata/config';
import type { Logger } from '@strata/logging';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Where messages go, for the start-up log line. */
  readonly describe: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Mail through nodemailer (maintained, speaks SMTP with STARTTLS, implicit TLS and
 * pooling): to the configured SMTP server, or, when none is set, into the log so that a
 * laptop instance still shows its confirmation and reset links.
 */
export function createMailer(settings: MailSettings, logger: Logger): Mailer {
  const { smtp } = settings;
  if (!smtp) {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    return {
      describe: 'no SMTP server configured (STRATA_SMTP_HOST): mail is written to the log',
      async send(message) {
        await transport.sendMail({ from: settings.from, ...message });
        logger.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'mail (log transport)');
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user && { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    pool: true,
  });
  return {
    describe: `SMTP ${smtp.host}:${smtp.port} (${smtp.security})`,
    async send(message) {
      await transport.sendMail({ from: settings.from, ...message });
    },
    close: () => transport.close(),
  };
}

/** SMTP answers 5xx for failures that sending again cannot fix (unknown mailbox, refused sender). */
export function isPermanentMailFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
