import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { HealthMetrics, WatchedWorkflow } from '../../ports/run-health.ts';
import { metricsNamespace, stalledRunsMetric, watchdogService } from '../../schemas/metric-names.ts';

/**
 * One `StalledRuns` data point per stalled run, by workflow, in CloudWatch's embedded metric
 * format (a log line Lambda turns into a metric: no API call, no permission). Locally the stack
 * sets POWERTOOLS_METRICS_DISABLED: the health finding in the table is the local alarm.
 */
export class EmfHealthMetrics implements HealthMetrics {
  private readonly metrics = new Metrics({ namespace: metricsNamespace, serviceName: watchdogService });

  stalledRun(workflow: WatchedWorkflow): void {
    const single = this.metrics.singleMetric();
    single.addDimension('workflow', workflow);
    single.addMetric(stalledRunsMetric, MetricUnit.Count, 1);
    single.publishStoredMetrics();
  }
}
