import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Only ids and counts are logged, never names, birthdays or e-mail
 * addresses: client data is confidential.
 */
export const logger = new Logger({ serviceName: 'vip-workflows' });
