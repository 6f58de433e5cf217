import { z } from 'zod';

/** Names of the environment variables the infrastructure gives every function. */
export const envNames = {
  tableName: 'TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  senderAddress: 'SENDER_ADDRESS',
  leadershipAddress: 'LEADERSHIP_ADDRESS',
  programmeConfig: 'PROGRAMME_CONFIG',
  /** Where the bundled programme config lies, relative to the function's directory, when it is too big for a variable. */
  programmeConfigFile: 'PROGRAMME_CONFIG_FILE',
  /** Locally the signing secret itself; on AWS the ARN of the Secrets Manager secret holding it. */
  linkSecret: 'LINK_SECRET',
  linkSecretArn: 'LINK_SECRET_ARN',
  taskLinkBaseUrl: 'TASK_LINK_BASE_URL',
  /** `<base>` of the survey links `<base>/<token>`: the `/s` endpoint (function URL + "s" on AWS). */
  surveyLinkBaseUrl: 'SURVEY_LINK_BASE_URL',
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
  /** Where the leadership dashboard is, for the link in the standards review mail. */
  dashboardUrl: 'DASHBOARD_URL',
} as const;

export const functionEnvironmentSchema = z
  .object({
    [envNames.tableName]: z.string().min(1),
    [envNames.eventBusName]: z.string().min(1),
    [envNames.senderAddress]: z.email(),
    [envNames.leadershipAddress]: z.email(),
    [envNames.programmeConfig]: z.string().min(1).optional(),
    [envNames.programmeConfigFile]: z.string().min(1).optional(),
    [envNames.mailConfigurationSet]: z.string().min(1).optional(),
    [envNames.linkSecret]: z.string().min(32, 'at least 32 characters').optional(),
    [envNames.linkSecretArn]: z.string().startsWith('arn:').optional(),
    [envNames.taskLinkBaseUrl]: z.url().optional(),
    [envNames.dashboardUrl]: z.url().optional(),
    [envNames.surveyLinkBaseUrl]: z.url().optional(),
  })
  .refine((env) => env.PROGRAMME_CONFIG !== undefined || env.PROGRAMME_CONFIG_FILE !== undefined, {
    message: `one of ${envNames.programmeConfig} (JSON) or ${envNames.programmeConfigFile} (path) is required`,
    path: [envNames.programmeConfig],
  });

export type FunctionEnvironment = z.infer<typeof functionEnvironmentSchema>;
