import { z } from 'zod';
import { programmeConfigSchema } from './programme-config.ts';

/** Names of the environment variables the infrastructure gives every function. */
export const envNames = {
  tableName: 'TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  senderAddress: 'SENDER_ADDRESS',
  leadershipAddress: 'LEADERSHIP_ADDRESS',
  programmeConfig: 'PROGRAMME_CONFIG',
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
} as const;

const json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected JSON' });
    return z.NEVER;
  }
});

export const functionEnvironmentSchema = z.object({
  [envNames.tableName]: z.string().min(1),
  [envNames.eventBusName]: z.string().min(1),
  [envNames.senderAddress]: z.email(),
  [envNames.leadershipAddress]: z.email(),
  [envNames.programmeConfig]: json.pipe(programmeConfigSchema),
  [envNames.mailConfigurationSet]: z.string().min(1).optional(),
});

export type FunctionEnvironment = z.infer<typeof functionEnvironmentSchema>;
