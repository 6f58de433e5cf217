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
  /**
   * 'claimed': send it now. 'sent': it went out before. 'in-progress': another sender holds a
   * fresh claim (it may still be sending, or it died); try again later.
   */
  claim(key: string, at: string): Promise<'claimed' | 'sent' | 'in-progress'>;
  markSent(key: string, messageId: string, at: string): Promise<void>;
  release(key: string): Promise<void>;
}
