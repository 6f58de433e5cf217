/**
 * Names of the programme's own CloudWatch metrics, shared by the code that emits them and the CDK
 * alarms and dashboard that read them.
 */
export const metricsNamespace = 'VipWorkflows';
/** Powertools adds a `service` dimension to every metric; the alarms name this value. */
export const watchdogService = 'watchdog';
/** One data point per stalled run the watchdog finds, with a `workflow` dimension. */
export const stalledRunsMetric = 'StalledRuns';
