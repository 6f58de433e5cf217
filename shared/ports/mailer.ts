export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/** Remembers which mails went out, so a retried run does not send them again. */
export interface MailLog {
  /** True if this key was claimed now; false if it was sent before. */
  claim(key: string, at: string): Promise<boolean>;
  markSent(key: string, messageId: string, at: string): Promise<void>;
  release(key: string): Promise<void>;
}
