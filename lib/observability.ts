// The one Metrics and one Tracer of the functions (the Logger is lib/logger.ts), configured by
// POWERTOOLS_* environment variables in the stack. Outside Lambda the Tracer is off by itself; local
// runs turn metrics off with POWERTOOLS_METRICS_DISABLED.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { useClientInstrumentation } from './adapters/aws-client-factory';
import { SERVICE_NAME } from './service-name';

export { SERVICE_NAME } from './service-name';

export const metrics = new Metrics({ namespace: 'TenantDataplaneOnboarding', serviceName: SERVICE_NAME });
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

// Every AWS call of the functions becomes a subsegment of the invocation's trace.
useClientInstrumentation((client) => tracer.captureAWSv3Client(client));

/** One count; with a dimension when given (e.g. diagnoses by code). */
export function count(name: string, dimension?: { name: string; value: string }): void {
  if (!dimension) {
    metrics.addMetric(name, MetricUnit.Count, 1);
    return;
  }
  const single = metrics.singleMetric();
  single.addDimension(dimension.name, dimension.value);
  single.addMetric(name, MetricUnit.Count, 1);
}
